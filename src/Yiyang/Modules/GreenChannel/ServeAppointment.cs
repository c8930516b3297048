using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.GreenChannel;

/// <summary>登记就诊: the hospital records the moment the elder is seen (已到达 → 已就诊); the minutes from arrival are the time-to-care.</summary>
public sealed class ServeAppointment(AppointmentTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/appointments/{id:long}/serve", async Task<Ok<AppointmentDto>> (long id, AppointmentTransitionInput? input, IfMatch ifMatch,
                ServeAppointment handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("医院登记就诊（已到达 → 已就诊），计算到达至就诊分钟数；状态不允许时 409");

    public async Task<AppointmentDto> HandleAsync(long id, AppointmentTransitionInput? input, int? ifMatch, CancellationToken ct)
    {
        var t = await transitions.BeginAsync(id, AppointmentAction.Serve, input, ifMatch, ct);
        var a = t.Appointment;
        a.ServedAt = t.Now;
        var waited = ReferralRules.Duration(AppointmentRules.MinutesToCare(a.ArrivedAt, t.Now)!.Value);
        return await transitions.CommitAsync(t, $"绿色通道：{a.Department}已接诊（到达后 {waited}）", ct);
    }
}
