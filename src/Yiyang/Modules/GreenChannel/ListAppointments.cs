using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.GreenChannel;

/// <summary>预约一览: the organization's appointments (booked by it or made with it), by date; newest date first.</summary>
public sealed class ListAppointments(GreenChannelAccess access, AppointmentMapping mapping)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/appointments", async Task<Ok<IReadOnlyList<AppointmentDto>>> (
                [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, [FromQuery] string? status, ListAppointments handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(from, to, status, ct)))
            .ProducesProblems(400)
            .WithSummary("本机构的绿色通道预约（预约方或接诊医院），可按日期、状态筛选");

    public async Task<IReadOnlyList<AppointmentDto>> HandleAsync(DateOnly? from, DateOnly? to, string? status, CancellationToken ct)
    {
        access.DemandStaff();
        var q = access.Scoped().AsNoTracking();
        if (from is { } f) q = q.Where(a => a.Date >= f);
        if (to is { } t) q = q.Where(a => a.Date <= t);
        if (!string.IsNullOrWhiteSpace(status))
        {
            var s = Enum.GetValues<AppointmentStatus>().Cast<AppointmentStatus?>().FirstOrDefault(x => AppointmentRules.StatusCode(x!.Value) == status.Trim())
                    ?? throw ValidationFailedException.For("status", "状态只能是 booked、confirmed、arrived、served 或 cancelled。");
            q = q.Where(a => a.Status == s);
        }
        var rows = await q.OrderByDescending(a => a.Date).ThenBy(a => a.Department).ThenBy(a => a.SlotOrdinal).Take(500).ToListAsync(ct);
        return await mapping.ToDtosAsync(rows, ct);
    }
}
