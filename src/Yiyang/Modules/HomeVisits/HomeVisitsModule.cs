using Microsoft.EntityFrameworkCore;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.HomeVisits;

/// <summary>Home visits on a phone (check-in, vitals, services, completion), the work list and the visit planner.</summary>
public sealed class HomeVisitsModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<HomeCareService>();
        services.Configure<HomeCareOptions>(config.GetSection("HomeCare"));
        services.AddScoped<Elders.IVisitHistory, HomeVisitHistory>(); // the 台账's last visit dates
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapHomeCare();
        VisitPlanner.MapVisitPlanner(app); // POST /api/home-visits/plan
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new HomeVisitConfiguration());
        model.ApplyConfiguration(new HomeVisitServiceConfiguration());
        model.ApplyConfiguration(new HomeVisitVitalConfiguration());
        model.ApplyConfiguration(new HomeVisitIdempotencyConfiguration());
        model.ApplyConfiguration(new HomeVisitPlanSlotConfiguration());
    }
}
