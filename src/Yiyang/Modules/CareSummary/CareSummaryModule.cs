namespace Yiyang.Modules.CareSummary;

/// <summary>The elder's care at a glance and the work-list reminders.</summary>
public sealed class CareSummaryModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<CareSummaryService>(); // the elder page's care summary
        services.AddScoped<WorkListReminderService>(); // reassessment and yearly-check reminders of the work list
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapCareSummary(); // GET /api/elders/{id}/care-summary
    }
}
