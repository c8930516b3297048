namespace Yiyang.Modules.HomeVisits;

/// <summary>Home visits on a phone (check-in, vitals, services, completion), the work list and the visit planner.</summary>
public sealed class HomeVisitsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<HomeVisitAccess>();
        services.AddScoped<CreateVisit>();
        services.AddScoped<ListVisits>();
        services.AddScoped<GetWorkList>();
        services.AddScoped<PlanVisits>();
        services.AddScoped<GetVisit>();
        services.AddScoped<CheckIn>();
        services.AddScoped<RecordVitals>();
        services.AddScoped<VisitVitalAlerts>();
        services.AddScoped<RecentVitalBreaches>();
        services.AddScoped<RecordService>();
        services.AddScoped<CompleteVisit>();
        services.Configure<HomeCareOptions>(config.GetSection("HomeCare"));
        services.AddScoped<Elders.IVisitHistory, HomeVisitHistory>(); // the 台账's last visit dates
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapHomeVisits();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new HomeVisitConfiguration());
        model.ApplyConfiguration(new HomeVisitServiceConfiguration());
        model.ApplyConfiguration(new HomeVisitVitalConfiguration());
        model.ApplyConfiguration(new HomeVisitVitalBreachConfiguration());
        model.ApplyConfiguration(new HomeVisitIdempotencyConfiguration());
        model.ApplyConfiguration(new HomeVisitPlanSlotConfiguration());
    }
}
