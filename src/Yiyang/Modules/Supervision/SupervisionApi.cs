namespace Yiyang.Modules.Supervision;

/// <summary>The supervision routes, one use case each.</summary>
public static class SupervisionApi
{
    public static void MapSupervision(this IEndpointRouteBuilder app)
    {
        var workingDays = app.MapGroup("/api/working-days").WithTags("WorkingDays").RequireAuthorization(SupervisionPolicies.WorkingDays).WithETags();
        AddWorkingDays.Map(workingDays);
        ListCalendars.Map(workingDays);
        GetCalendar.Map(workingDays);
        SaveCalendar.Map(workingDays);
    }
}
