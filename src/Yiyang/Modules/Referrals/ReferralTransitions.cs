using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Referrals;

/// <summary>A status transition under way: the tracked referral (already in its next status), its instant and the body's fields.</summary>
public sealed record ReferralTransition(
    Referral Referral, ReferralAction Action, DateTimeOffset Now, string ReceiverName, string? Reason, string? ReceivingDoctor, string? Note);

/// <summary>
/// The steps 接收 / 拒绝 / 撤回 / 登记到达 / 完成 share (回转 has its own: it creates the 回转单): the rules decide
/// (<see cref="ReferralRules.Decide"/>: 403 wrong side, 409 wrong state), the version is checked, the body validated; after
/// the use case has set its fields, the transition goes on the elder's timeline, is saved and audited.
/// </summary>
public sealed class ReferralTransitions(YiyangDb db, TimeProvider clock, AuditTrail audit, ReferralAccess access, GetReferral reader)
{
    private static readonly TransitionInput Empty = new(null, null, null, null);

    /// <summary>Loads the referral, checks side, state and version, reads the body, and moves it to its next status.</summary>
    public async Task<ReferralTransition> BeginAsync(long id, ReferralAction action, TransitionInput? input, int? ifMatch, CancellationToken ct)
    {
        input ??= Empty;
        var r = await access.LoadForUpdateAsync(id, ct);
        var decision = ReferralRules.Decide(r.Status, r.Direction, action, access.SideOf(r));
        ReferralAccess.Enforce(decision);
        if (ifMatch is not null || input.Version is not null) Etags.CheckVersion(r.Version, ifMatch, input.Version);

        var errors = new FieldErrors();
        var reject = action == ReferralAction.Reject;
        var reason = ReferralFields.Text(errors, "reason", reject ? "拒绝原因" : "原因", input.Reason, reject, 500);
        var receiving = ReferralFields.Text(errors, "receivingDoctor", "接诊医生", input.ReceivingDoctor, false, 64);
        var note = ReferralFields.Text(errors, "note", "备注", input.Note, false, 500);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow();
        r.Status = decision.Next!.Value;
        r.UpdatedAt = now;
        r.Version++;
        var receiver = await access.OrgNameAsync(r.ToOrganizationId, ct);
        return new ReferralTransition(r, action, now, receiver, reason, receiving, note);
    }

    /// <summary>Puts the transition on the elder's timeline (not yet saved).</summary>
    public void AddToTimeline(ReferralTransition t, string summary) =>
        db.TimelineEvents.Add(TimelineEvent.Create(t.Referral.ElderId, t.Now, "referrals." + ReferralRules.StatusCode(t.Referral.Status),
            ReferralAccess.Module, summary, access.Actor));

    /// <summary>Timeline, save, audit; answers with the referral as it now stands.</summary>
    public async Task<ReferralDto> CommitAsync(ReferralTransition t, string summary, CancellationToken ct)
    {
        AddToTimeline(t, summary);
        return await SaveAsync(t, null, ct);
    }

    /// <summary>Saves and audits the transition (and the up-referral it closed, if any); answers with the referral as it now stands.</summary>
    public async Task<ReferralDto> SaveAsync(ReferralTransition t, Referral? closedParent, CancellationToken ct)
    {
        var r = t.Referral;
        await access.SaveAsync(ct);
        await audit.RecordAsync("referrals." + t.Action.ToString().ToLowerInvariant(), "referral", r.Id.ToString(), r.ElderId,
            ReferralRules.StatusCode(r.Status));
        if (closedParent is not null)
            await audit.RecordAsync("referrals.complete", "referral", closedParent.Id.ToString(), closedParent.ElderId, "closed by return " + r.Id);
        return await reader.HandleAsync(r.Id, ct, audited: false);
    }
}
