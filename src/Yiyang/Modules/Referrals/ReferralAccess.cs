namespace Yiyang.Modules.Referrals;

/// <summary>
/// Who sees a referral (docs/domain/collaboration.md#referral-scope): the staff of the organization that sent it (outbox)
/// and of the organization it is addressed to (inbox) — the receiver reads it, with the elder's masked name, age and sex
/// and the clinical summary, even though the elder is not otherwise in its scope — and the city operator; for everybody
/// else it does not exist (404). Every read of a referral and every transition is audited; every transition is on the
/// elder's timeline, in the same transaction.
/// </summary>
public sealed class ReferralAccess(YiyangDb db, CurrentUser user)
{
    /// <summary>The module name on the elder's timeline.</summary>
    public const string Module = "referrals";

    /// <summary>The city operator: every organization's referrals, on either side.</summary>
    public bool SeesAll => user.Can(ReferralPolicies.AnyOrganization);

    /// <summary>The name written into the records (the user, or "system").</summary>
    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    public static NotFoundException NoReferral() => new("未找到该转诊，或您无权查看。");

    /// <summary>403 unless the user works referrals at all.</summary>
    public void DemandStaff() => user.Demand(ReferralPolicies.Use);

    /// <summary>The referrals the user may see: the city operator all; staff those sent by or addressed to their organization.</summary>
    public IQueryable<Referral> Scoped()
    {
        var q = db.Set<Referral>().AsQueryable();
        if (SeesAll) return q;
        if (!user.Can(ReferralPolicies.OwnOrganization) || user.OrganizationId is not { } org) return q.Where(r => false);
        return q.Where(r => r.FromOrganizationId == org || r.ToOrganizationId == org);
    }

    /// <summary>Which side of the referral the user is on (the city operator: both).</summary>
    public ReferralSide SideOf(Referral r)
    {
        if (SeesAll) return ReferralSide.Both;
        var side = ReferralSide.None;
        if (user.OrganizationId == r.FromOrganizationId) side |= ReferralSide.Sender;
        if (user.OrganizationId == r.ToOrganizationId) side |= ReferralSide.Receiver;
        return side;
    }

    /// <summary>True when the user is staff of the receiving organization (not the city operator acting for it).</summary>
    public bool IsReceiverStaff(Referral r) => !SeesAll && user.OrganizationId == r.ToOrganizationId;

    /// <summary>The referral, tracked, for a change (403 for non-staff, 404 outside the scope).</summary>
    public async Task<Referral> LoadForUpdateAsync(long id, CancellationToken ct)
    {
        DemandStaff();
        return await Scoped().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NoReferral();
    }

    /// <summary>The referral, read only (403 for non-staff, 404 outside the scope).</summary>
    public async Task<Referral> LoadAsync(long id, CancellationToken ct)
    {
        DemandStaff();
        return await Scoped().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NoReferral();
    }

    /// <summary>Throws the refusal of the rules: 403 (wrong side) or 409 (wrong state).</summary>
    public static void Enforce(ReferralDecision d)
    {
        if (d.Allowed) return;
        if (d.Status == 403) throw new ForbiddenException(d.Message!);
        throw new ConflictException("illegal-transition", d.Message!);
    }

    public async Task<string> OrgNameAsync(long id, CancellationToken ct) =>
        await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).FirstAsync(ct);

    /// <summary>Saves a referral change: a lost race is a 409 "already handled", a second 回转单 a 409 "already returned".</summary>
    public Task SaveAsync(CancellationToken ct) =>
        db.SaveOrConflictAsync(ct,
            onDuplicate: () => new ConflictException("already-returned", "该转诊已有回转单，不能重复回转。"),
            onConcurrency: () => new ConflictException("concurrency", "该转诊已被他人处理，请刷新后查看最新状态。"));
}
