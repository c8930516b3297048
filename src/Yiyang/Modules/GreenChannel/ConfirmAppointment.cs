namespace Yiyang.Modules.GreenChannel;

/// <summary>确认预约: the hospital confirms a booking (已预约 → 已确认).</summary>
public sealed class ConfirmAppointment(AppointmentTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/appointments/{id:long}/confirm", async Task<Ok<AppointmentDto>> (long id, AppointmentTransitionInput? input, IfMatch ifMatch,
                ConfirmAppointment handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("医院确认（已预约 → 已确认）；状态不允许时 409");

    public async Task<AppointmentDto> HandleAsync(long id, AppointmentTransitionInput? input, int? ifMatch, CancellationToken ct)
    {
        var t = await transitions.BeginAsync(id, AppointmentAction.Confirm, input, ifMatch, ct);
        var a = t.Appointment;
        a.ConfirmedAt = t.Now;
        return await transitions.CommitAsync(t, $"绿色通道预约已确认：{a.Department}，{a.Date:yyyy-MM-dd} 第 {a.SlotOrdinal} 号", ct);
    }
}
