namespace Yiyang.Modules.Elders;

/// <summary>The elder registry: records, scope, reveal, timeline, 台账 ledger, CSV import, falls.</summary>
public sealed class EldersModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Targets.IIndicator, HealthCardCoverage>();
        services.AddScoped<ElderAccess>();
        services.AddScoped<SearchElders>();
        services.AddScoped<ElderPicker>();
        services.AddScoped<ExactSearchThrottle>();
        services.AddScoped<RegisterElder>();
        services.AddScoped<GetElder>();
        services.AddScoped<UpdateElder>();
        services.AddScoped<RevealPersonalField>();
        services.AddScoped<GetTimeline>();
        services.AddScoped<GetLedger>();
        services.AddScoped<CountElders>();
        services.Configure<ElderOptions>(config.GetSection("Elders"));
        services.AddScoped<Import.ElderImporter>();
        services.AddScoped<IDataUpgrade, HealthCardEncryption>(); // 居民健康卡 numbers stored in clear before they were encrypted
        services.AddScoped<Falls.FallService>();
        services.AddScoped<Assessments.Records.IReassessmentTriggers, Falls.FallReassessmentTriggers>(); // 跌倒
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapElders();
        Import.ElderImportApi.MapElderImport(app);
        Falls.FallsApi.MapFalls(app); // /api/elders/{id}/falls
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new ElderConfiguration());
        model.ApplyConfiguration(new TimelineEventConfiguration());
        model.ApplyConfiguration(new Falls.FallConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [ElderPolicies.Read] = [Roles.CityOperator, Roles.Regulator, Roles.Doctor, Roles.Nurse, Roles.Caregiver,
            Roles.InstitutionAdmin, Roles.CallOperator],
        [ElderPolicies.Write] = [Roles.CityOperator, Roles.Doctor, Roles.Nurse, Roles.InstitutionAdmin],
        [ElderPolicies.Import] = [Roles.CityOperator, Roles.InstitutionAdmin],
        [ElderPolicies.FallsRead] = [Roles.CityOperator, Roles.Regulator, Roles.Doctor, Roles.Nurse, Roles.Caregiver, Roles.InstitutionAdmin],
        [ElderPolicies.FallsWrite] = [Roles.CityOperator, Roles.Doctor, Roles.Nurse, Roles.Caregiver, Roles.InstitutionAdmin],
        [ElderPolicies.OwnOrganizationOnly] = [.. Roles.InstitutionStaff],
        [ElderPolicies.AllElders] = [Roles.CityOperator],
    };
}
