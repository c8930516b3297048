namespace Yiyang.Modules.GreenChannel;

/// <summary>取消预约: either side cancels before arrival, with a reason; the slot is free again.</summary>
public sealed class CancelAppointment(AppointmentTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/appointments/{id:long}/cancel", async Task<Ok<AppointmentDto>> (long id, AppointmentTransitionInput? input, IfMatch ifMatch,
                CancelAppointment handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("取消（到达前，任一方，须填 reason），名额释放；状态不允许时 409");

    public async Task<AppointmentDto> HandleAsync(long id, AppointmentTransitionInput? input, int? ifMatch, CancellationToken ct)
    {
        var t = await transitions.BeginAsync(id, AppointmentAction.Cancel, input, ifMatch, ct);
        var a = t.Appointment;
        a.CancelledAt = t.Now;
        a.CancelReason = t.Reason;
        return await transitions.CommitAsync(t, $"绿色通道预约已取消：{a.Department}，{a.Date:yyyy-MM-dd}", ct);
    }
}
