namespace Yiyang.Modules.Referrals;

/// <summary>撤回转诊: the sender takes a referral back before the receiver has accepted it (申请 → 已撤回, final).</summary>
public sealed class WithdrawReferral(ReferralTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/withdraw", async Task<Ok<ReferralDto>> (long id, TransitionInput? input, IfMatch ifMatch,
                WithdrawReferral handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("撤回（申请 → 已撤回），仅转出机构，对方接收前；状态不允许时 409");

    public async Task<ReferralDto> HandleAsync(long id, TransitionInput? input, int? ifMatch, CancellationToken ct)
    {
        var t = await transitions.BeginAsync(id, ReferralAction.Withdraw, input, ifMatch, ct);
        var r = t.Referral;
        r.WithdrawnAt = t.Now;
        r.CloseNote = t.Reason ?? t.Note;
        return await transitions.CommitAsync(t, $"转出机构撤回了{ReferralRules.DirectionName(r.Direction)}申请", ct);
    }
}
