namespace Yiyang.Modules.Referrals;

/// <summary>拒绝转诊: the receiving organization refuses a referral with a reason (申请 → 已拒绝, final).</summary>
public sealed class RejectReferral(ReferralTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/reject", async Task<Ok<ReferralDto>> (long id, TransitionInput? input, IfMatch ifMatch,
                RejectReferral handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("拒绝（申请 → 已拒绝），仅接收机构，须填 reason；状态不允许时 409");

    public async Task<ReferralDto> HandleAsync(long id, TransitionInput? input, int? ifMatch, CancellationToken ct)
    {
        var t = await transitions.BeginAsync(id, ReferralAction.Reject, input, ifMatch, ct);
        var r = t.Referral;
        r.RejectedAt = t.Now;
        r.RejectReason = t.Reason;
        return await transitions.CommitAsync(t, $"{t.ReceiverName}拒绝了{ReferralRules.DirectionName(r.Direction)}：{Masking.Scrub(t.Reason!)}", ct);
    }
}
