namespace Yiyang.Modules.GreenChannel;

/// <summary>登记到达: the hospital records the elder's arrival (已确认 → 已到达).</summary>
public sealed class RecordAppointmentArrival(AppointmentTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/appointments/{id:long}/arrive", async Task<Ok<AppointmentDto>> (long id, AppointmentTransitionInput? input, IfMatch ifMatch,
                RecordAppointmentArrival handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("医院登记到达（已确认 → 已到达）；状态不允许时 409");

    public async Task<AppointmentDto> HandleAsync(long id, AppointmentTransitionInput? input, int? ifMatch, CancellationToken ct)
    {
        var t = await transitions.BeginAsync(id, AppointmentAction.Arrive, input, ifMatch, ct);
        var a = t.Appointment;
        a.ArrivedAt = t.Now;
        return await transitions.CommitAsync(t, $"绿色通道：已到达{a.Department}", ct);
    }
}
