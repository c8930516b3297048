using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Referrals;

/// <summary>转诊详情: one referral with the side the user is on and what they may do now; the read is audited (it carries a person's clinical summary).</summary>
public sealed class GetReferral(YiyangDb db, CurrentUser user, TimeProvider clock, AuditTrail audit, ReferralAccess access, PiiProtector pii)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<ReferralDto>> (long id, GetReferral handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404)
            .WithSummary("转诊详情（转出机构与接收机构可见，老人姓名对接收方脱敏；查看留痕）");

    public async Task<ReferralDto> HandleAsync(long id, CancellationToken ct, bool audited = true)
    {
        var r = await access.LoadAsync(id, ct);
        var elder = await db.Elders.AsNoTracking().FirstAsync(e => e.Id == r.ElderId, ct);
        var orgs = await db.Organizations.AsNoTracking().Where(o => o.Id == r.FromOrganizationId || o.Id == r.ToOrganizationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        long? returnId = r.Direction == ReferralDirection.Up
            ? await db.Set<Referral>().AsNoTracking().Where(x => x.ParentReferralId == r.Id && x.Status != ReferralStatus.Rejected && x.Status != ReferralStatus.Withdrawn)
                .Select(x => (long?)x.Id).FirstOrDefaultAsync(ct)
            : null;
        var attachments = await db.Set<ReferralAttachment>().AsNoTracking().Where(a => a.ReferralId == r.Id).OrderBy(a => a.Id)
            .Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.CreatedAt, a.CreatedByUser)).ToListAsync(ct);
        if (audited) await audit.RecordAsync("referrals.read", "referral", r.Id.ToString(), r.ElderId);
        return ToDto(r, elder, orgs, returnId, attachments);
    }

    private ReferralDto ToDto(Referral r, Elder elder, Dictionary<long, string> orgs, long? returnId, List<AttachmentDto> attachments)
    {
        var side = access.SideOf(r);
        var now = clock.GetUtcNow();
        var masked = Masking.Name(elder.Name);
        // the full name only for users who have the elder in their own scope (the sender); the receiver sees the mask
        var name = ElderScope.Allows(user, elder) ? elder.Name : masked;
        var ind = ReferralRules.FindIndication(r.Indication);
        return new ReferralDto(r.Id, ReferralRules.DirectionCode(r.Direction), ReferralRules.DirectionName(r.Direction),
            ReferralRules.StatusCode(r.Status), ReferralRules.StatusName(r.Status),
            new ReferralElderDto(elder.Id, name, masked, elder.AgeOn(clock.ChinaToday()), elder.Sex.ToString().ToLowerInvariant(), CodeLists.SexName(elder.Sex),
                name == masked ? null : elder.HealthCard(pii)),
            new OrgRef(r.FromOrganizationId, orgs.GetValueOrDefault(r.FromOrganizationId, "")), new OrgRef(r.ToOrganizationId, orgs.GetValueOrDefault(r.ToOrganizationId, "")),
            r.ToDepartment, r.Destination, ReferralRules.DestinationName(r.Destination), r.ParentReferralId, returnId,
            r.Indication, ind?.Name ?? r.Indication, r.Reason, ReferralRules.UrgencyCode(r.Urgency), ReferralRules.UrgencyName(r.Urgency),
            r.InitialImpression, r.PresentHistory, r.PastHistory, r.TreatmentSoFar,
            r.Diagnosis, r.InpatientNo, r.MainResults, r.TreatmentCourse, r.NextStepAdvice,
            r.ReferringDoctor, r.ReceivingDoctor, r.RejectReason, r.CloseNote, r.CreatedByUser,
            r.RequestedAt, r.AcceptedAt, r.ArrivedAt, r.ReturnedAt, r.CompletedAt, r.RejectedAt, r.WithdrawnAt,
            ReferralRules.MinutesToAccept(r.RequestedAt, r.AcceptedAt), ReferralRules.MinutesToArrive(r.RequestedAt, r.ArrivedAt),
            ReferralRules.WaitingMinutes(r.Status, r.RequestedAt, r.AcceptedAt, now),
            side == ReferralSide.Both ? "both" : side == ReferralSide.Sender ? "sender" : "receiver",
            ReferralRules.Available(r.Status, r.Direction, side).Select(a => a.ToString().ToLowerInvariant()).ToList(),
            attachments, r.Version, r.SickbedId, r.StayId,
            ReferralRules.FollowUp(r.Status, r.Direction, access.IsReceiverStaff(r), r.SickbedId is not null || r.StayId is not null).Allowed
                ? ["open-sickbed", "admit"] : []);
    }
}
