namespace Yiyang.Modules.Agreements;

/// <summary>
/// Cooperation agreements (docs/domain/collaboration.md). Written by the city operator or an institution admin of either
/// party; read by the parties' staff, regulators of the care institution's county and the city operator. Every change is
/// audited (no elder involved, so nothing on a timeline). This class holds who sees and who writes what.
/// </summary>
public sealed class AgreementAccess(YiyangDb db, CurrentUser user, TimeProvider clock)
{
    public DateOnly Today => clock.ChinaToday();

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    /// <summary>The city operator: every agreement.</summary>
    public bool SeesAll => user.Can(AgreementPolicies.AnyOrganization);

    public static NotFoundException Missing() => new("未找到该协议，或您无权查看。");

    /// <summary>The agreements the user may read: all (platform admin), their county's (regulators), their organization's (staff).</summary>
    public IQueryable<Agreement> Visible()
    {
        var q = db.Set<Agreement>().AsNoTracking();
        if (SeesAll) return q;
        if (user.Can(AgreementPolicies.Region))
        {
            var region = user.RegionCode ?? "\u0000";
            var county = region.Length >= 6 ? region[..6] : region;
            return q.Where(a => a.CountyCode.StartsWith(county));
        }
        var org = user.OrganizationId ?? -1;
        return q.Where(a => a.MedicalOrganizationId == org || a.CareOrganizationId == org);
    }

    /// <summary>The city operator, or an institution admin of either party.</summary>
    public bool MayWrite(Agreement a) =>
        SeesAll || (user.Can(AgreementPolicies.Sign) && user.OrganizationId is { } o && (o == a.MedicalOrganizationId || o == a.CareOrganizationId));

    /// <summary>The agreement, tracked, for a status change by a party's administrator at the version read.</summary>
    public async Task<Agreement> LoadForWriteAsync(long id, AgreementTransitionInput input, int? ifMatch, CancellationToken ct)
    {
        if (!await Visible().AnyAsync(x => x.Id == id, ct)) throw Missing();
        var a = await db.Set<Agreement>().FirstAsync(x => x.Id == id, ct);
        if (!MayWrite(a)) throw new ForbiddenException("只有协议双方的机构管理员或市级业务管理员可以变更协议状态。");
        Etags.CheckVersion(a.Version, ifMatch, input.Version);
        return a;
    }

    /// <summary>Saves a status change (new version); a lost race or a second effective agreement of the pair is a 409.</summary>
    public async Task SaveAsync(Agreement a, CancellationToken ct)
    {
        a.UpdatedAt = clock.GetUtcNow();
        a.Version++;
        await db.SaveOrConflictAsync(ct,
            onDuplicate: () => new ConflictException("already-effective", "这两家机构之间已有一份生效中的协议，请先终止该协议。"),
            onConcurrency: () => new ConflictException("concurrency", "该协议已被他人修改，请刷新后重试。"));
    }
}
