namespace Yiyang.Modules.Referrals;

/// <summary>接收转诊: the receiving organization accepts a referral (申请 → 已接收); the receiving doctor defaults to the user.</summary>
public sealed class AcceptReferral(ReferralTransitions transitions, ReferralAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/accept", async Task<Ok<ReferralDto>> (long id, TransitionInput? input, IfMatch ifMatch,
                AcceptReferral handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("接收（申请 → 已接收），仅接收机构；状态不允许时 409");

    public async Task<ReferralDto> HandleAsync(long id, TransitionInput? input, int? ifMatch, CancellationToken ct)
    {
        var t = await transitions.BeginAsync(id, ReferralAction.Accept, input, ifMatch, ct);
        var r = t.Referral;
        r.AcceptedAt = t.Now;
        r.ReceivingDoctor = t.ReceivingDoctor ?? r.ReceivingDoctor ?? access.Actor;
        var waited = ReferralRules.Duration(ReferralRules.MinutesToAccept(r.RequestedAt, t.Now)!.Value);
        return await transitions.CommitAsync(t, $"{t.ReceiverName}已接收{ReferralRules.DirectionName(r.Direction)}（用时 {waited}）", ct);
    }
}
