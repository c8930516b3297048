using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Referrals;

/// <summary>
/// 下转接续 (docs/domain/collaboration.md#down-referral-follow-up): the receiving organization of a down-referral opens a
/// family sickbed or a care-home admission from it, once. The steps both follow-ups share.
/// </summary>
public sealed class ReferralFollowUp(YiyangDb db, TimeProvider clock, AuditTrail audit, ReferralAccess access)
{
    /// <summary>The referral when the caller may open its follow-up now (403 / 409 from <see cref="ReferralRules.FollowUp"/>).</summary>
    public async Task<Referral> LoadAsync(long id, int? version, int? ifMatch, CancellationToken ct)
    {
        var r = await access.LoadAsync(id, ct);
        var d = ReferralRules.FollowUp(r.Status, r.Direction, access.IsReceiverStaff(r), r.SickbedId is not null || r.StayId is not null);
        if (!d.Allowed) throw d.Status == 403 ? new ForbiddenException(d.Message!) : new ConflictException("illegal-transition", d.Message!);
        if (ifMatch is not null || version is not null) Etags.CheckVersion(r.Version, ifMatch, version);
        return r;
    }

    /// <summary>
    /// Links the opened sickbed / stay to the referral with one conditional update (never overwrites a link, never conflicts
    /// with a concurrent status transition), then puts it on the timeline and in the audit trail.
    /// </summary>
    public async Task LinkAsync(Referral r, long? sickbedId, long? stayId, string summary, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var linked = await db.Set<Referral>().Where(x => x.Id == r.Id && x.SickbedId == null && x.StayId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SickbedId, sickbedId).SetProperty(x => x.StayId, stayId)
                .SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.Version, x => x.Version + 1), ct);
        if (linked == 0) throw new ConflictException("already-opened", "该转诊已建立家庭病床或办理入住，不能重复办理。");
        db.TimelineEvents.Add(TimelineEvent.Create(r.ElderId, now, "referrals.follow-up", ReferralAccess.Module, summary, access.Actor));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(sickbedId is null ? "referrals.admit" : "referrals.open-sickbed", "referral", r.Id.ToString(), r.ElderId,
            sickbedId is null ? $"stay {stayId}" : $"sickbed {sickbedId}");
    }
}
