namespace Yiyang.Modules.Targets;

/// <summary>考核指标与目标: the indicator catalogue, targets per region and year, and the officials' dashboard.</summary>
public sealed class TargetsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<IndicatorCatalog>();
        services.AddScoped<IndicatorEvaluator>();
        services.AddScoped<IIndicator, RandomInspectionRatio>();
        services.AddScoped<IIndicator, RectificationCompletionRate>();
        services.AddScoped<IIndicator, LicensingOnTimeRate>();
        services.AddScoped<ListIndicators>();
        services.AddScoped<GetIndicator>();
        services.AddScoped<GetIndicatorMembers>();
        services.AddScoped<GetIndicatorDashboard>();
        services.AddScoped<SetTarget>();
        services.AddScoped<GetIndicatorTrend>();
        services.AddScoped<ExportIndicators>();
        services.AddScoped<GetEvaluationReport>();
        services.AddScoped<ListTargets>();
        services.AddScoped<PolicyTaskBoard>();
        services.AddScoped<ListPolicyTasks>();
        services.AddScoped<GetPolicyTask>();
        services.AddScoped<FilePolicyTaskReport>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app) => app.MapTargets();

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new IndicatorTargetConfiguration());
        model.ApplyConfiguration(new PolicyTaskConfiguration());
        model.ApplyConfiguration(new PolicyTaskMilestoneConfiguration());
        model.ApplyConfiguration(new PolicyTaskIndicatorConfiguration());
        model.ApplyConfiguration(new PolicyTaskReportConfiguration());
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [TargetsPolicies.Read] = [Roles.Regulator, Roles.CityOperator],
        [TargetsPolicies.Set] = [Roles.Regulator],
    };
}
