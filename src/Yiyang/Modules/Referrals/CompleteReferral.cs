using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Referrals;

/// <summary>
/// 完成转诊 (已到达 → 已完成): an up-referral closed without a return (出院/结束), or a down-referral whose 基层接续 has
/// started; a down-referral that answers an up-referral (回转单) closes that up-referral too.
/// </summary>
public sealed class CompleteReferral(YiyangDb db, ReferralTransitions transitions, ReferralAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/complete", async Task<Ok<ReferralDto>> (long id, TransitionInput? input, IfMatch ifMatch,
                CompleteReferral handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("完成（已到达 → 已完成）：上转未回转即结束，或下转基层接续；回转单完成时原上转一并完成；状态不允许时 409");

    public async Task<ReferralDto> HandleAsync(long id, TransitionInput? input, int? ifMatch, CancellationToken ct)
    {
        var t = await transitions.BeginAsync(id, ReferralAction.Complete, input, ifMatch, ct);
        var r = t.Referral;
        r.CompletedAt = t.Now;
        r.CloseNote = t.Note ?? t.Reason;
        transitions.AddToTimeline(t, r.Direction == ReferralDirection.Down
            ? $"下转完成，{t.ReceiverName}接续服务"
            : $"{ReferralRules.DirectionName(r.Direction)}完成（未回转，{t.ReceiverName}结束诊治）");
        var parent = await CloseParentAsync(t, ct);
        return await transitions.SaveAsync(t, parent, ct);
    }

    /// <summary>A down-referral that answers an up-referral closes it when the primary side has taken over (基层接续).</summary>
    private async Task<Referral?> CloseParentAsync(ReferralTransition t, CancellationToken ct)
    {
        if (t.Referral.ParentReferralId is not { } pid) return null;
        var parent = await db.Set<Referral>().FirstOrDefaultAsync(p => p.Id == pid, ct);
        if (parent is not { Status: ReferralStatus.Returned }) return null;
        parent.Status = ReferralStatus.Completed;
        parent.CompletedAt = t.Now;
        parent.UpdatedAt = t.Now;
        parent.Version++;
        db.TimelineEvents.Add(TimelineEvent.Create(t.Referral.ElderId, t.Now, "referrals.completed", ReferralAccess.Module,
            "双向转诊闭环完成：已回转并由基层接续", access.Actor));
        return parent;
    }
}
