namespace Yiyang.Modules.Claims;

/// <summary>Coverage periods and monthly bed-day 长护险 claims.</summary>
public sealed class ClaimsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<ClaimAccess>();
        services.AddScoped<ListCoveragePeriods>();
        services.AddScoped<CreateCoveragePeriod>();
        services.AddScoped<GenerateClaim>();
        services.AddScoped<ListClaims>();
        services.AddScoped<GetClaim>();
        services.AddScoped<SubmitClaim>();
        services.AddScoped<ExportClaim>();
        services.Configure<ClaimsOptions>(config.GetSection("Claims"));
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapClaims();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new CoveragePeriodConfiguration());
        model.ApplyConfiguration(new CoverageSlotConfiguration());
        model.ApplyConfiguration(new ClaimConfiguration());
        model.ApplyConfiguration(new ClaimLineConfiguration());
        model.ApplyConfiguration(new DailyRateConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [ClaimPolicies.Read] = [Roles.CityOperator, Roles.Regulator, Roles.InstitutionAdmin],
        [ClaimPolicies.Write] = [Roles.CityOperator, Roles.InstitutionAdmin],
    };
}
