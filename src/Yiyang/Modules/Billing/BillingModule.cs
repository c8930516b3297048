namespace Yiyang.Modules.Billing;

/// <summary>Prices, 上门服务费 bands, charges on visit completion, statements and income (单独核算).</summary>
public sealed class BillingModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<BillingAccess>();
        services.AddScoped<StatementLines>();
        services.AddScoped<ListPrices>();
        services.AddScoped<CreatePrice>();
        services.AddScoped<UpdatePrice>();
        services.AddScoped<GetServiceFees>();
        services.AddScoped<SetServiceFees>();
        services.AddScoped<GetStatement>();
        services.AddScoped<ExportStatement>();
        services.AddScoped<GetIncome>();
        services.AddSingleton<BillingSettingsCache>();
        services.AddScoped<VisitCharging>(); // ILtcPlanCoverage: registered by the care-plan module
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapBilling();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new BillingPriceItemConfiguration());
        model.ApplyConfiguration(new BillingServiceFeeBandConfiguration());
        model.ApplyConfiguration(new BillingServiceFeeSettingConfiguration());
        model.ApplyConfiguration(new BillingQuotaUseConfiguration());
        model.ApplyConfiguration(new BillingChargeConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        // price catalogs and 上门服务费 are configuration (the platform admin reads and sets them); statements and income are
        // business (statements name elders): not the platform admin

        [BillingPolicies.Catalog] = [Roles.PlatformAdmin, Roles.CityOperator, Roles.Regulator, Roles.Doctor, Roles.Nurse, Roles.InstitutionAdmin],
        [BillingPolicies.Read] = [Roles.CityOperator, Roles.Regulator, Roles.Doctor, Roles.Nurse, Roles.InstitutionAdmin],
        [BillingPolicies.Write] = [Roles.PlatformAdmin, Roles.InstitutionAdmin],
    };
}
