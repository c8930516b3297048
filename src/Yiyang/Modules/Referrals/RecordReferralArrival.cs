namespace Yiyang.Modules.Referrals;

/// <summary>登记到达: the receiving organization records that the patient is there (已接收 → 已到达).</summary>
public sealed class RecordReferralArrival(ReferralTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/arrive", async Task<Ok<ReferralDto>> (long id, TransitionInput? input, IfMatch ifMatch,
                RecordReferralArrival handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("登记到达（已接收 → 已到达），仅接收机构；状态不允许时 409");

    public async Task<ReferralDto> HandleAsync(long id, TransitionInput? input, int? ifMatch, CancellationToken ct)
    {
        var t = await transitions.BeginAsync(id, ReferralAction.Arrive, input, ifMatch, ct);
        var r = t.Referral;
        r.ArrivedAt = t.Now;
        if (t.ReceivingDoctor is not null) r.ReceivingDoctor = t.ReceivingDoctor;
        var waited = ReferralRules.Duration(ReferralRules.MinutesToArrive(r.RequestedAt, t.Now)!.Value);
        return await transitions.CommitAsync(t, $"已到达{t.ReceiverName}（自申请起 {waited}）", ct);
    }
}
