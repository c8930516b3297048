using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// Loading institution records within the user's reach: the city operator and the institution's own staff work here;
/// the elder of a stay must be visible (<see cref="ElderScope"/>). Shared by the use cases of this module.
/// </summary>
public sealed class InstitutionAccess(YiyangDb db, CurrentUser user)
{
    /// <summary>The module name on timeline events.</summary>
    public const string TimelineModule = "institutions";

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    /// <summary>Whether the user works for the institution (their own, or any for the city operator).</summary>
    public bool WorksFor(long orgId) => user.Can(InstitutionPolicies.AllInstitutions) || user.OrganizationId == orgId;

    private static NotFoundException NoInstitution() => new("未找到该养老机构，或您无权查看。");

    public static NotFoundException NoStay() => new("未找到该入住记录，或您无权查看。");

    /// <summary>The institution, if it is a care institution and the user works there (or is the city operator).</summary>
    public async Task<Organization> InstitutionAsync(long orgId, CancellationToken ct)
    {
        user.Demand(InstitutionPolicies.Write);
        if (!WorksFor(orgId)) throw NoInstitution();
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) ?? throw NoInstitution();
        if (org.Kind is not (OrganizationKind.ElderlyCare or OrganizationKind.Integrated)) throw NoInstitution();
        return org;
    }

    /// <summary>An open stay of the user's institution whose elder the user may write (tracked, for changes).</summary>
    public async Task<InstitutionStay> OpenStayAsync(long id, CancellationToken ct)
    {
        user.Demand(InstitutionPolicies.Write);
        var stay = await db.ScopedByElder<InstitutionStay>(user, forWrite: true).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (stay is null || !WorksFor(stay.OrganizationId)) throw NoStay();
        if (stay.DischargedOn is not null) throw new ConflictException("stay-closed", "该入住记录已离院，不能再办理。");
        return stay;
    }

    public async Task<InstitutionBed> BedAsync(long orgId, long? bedId, CancellationToken ct) =>
        await db.Set<InstitutionBed>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == bedId && b.OrganizationId == orgId, ct)
        ?? throw ValidationFailedException.For("bedId", "床位不存在或不属于本机构。");

    public async Task RequireBedFreeAsync(InstitutionBed bed, CancellationToken ct)
    {
        if (await db.Set<InstitutionStay>().AnyAsync(s => s.BedId == bed.Id && s.DischargedOn == null, ct))
            throw new ConflictException("bed-occupied", $"{InstitutionMapping.Label(bed)}已有住户，一张床位同一时间只能住一位老人。");
    }

    /// <summary>
    /// Saves a change of stays or leaves. A lost race on a partial unique index (one open stay per bed and per elder) is
    /// a 409 "occupied" with <paramref name="uniqueMessage"/>; a changed row version the general concurrency 409.
    /// </summary>
    public Task SaveAsync(string uniqueMessage, CancellationToken ct) =>
        db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("occupied", uniqueMessage));

    /// <summary>The stay as an answer; callers have checked that the user may see it.</summary>
    public async Task<StayDto> StayAsync(long id, CancellationToken ct)
    {
        var row = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                         join e in db.Elders.AsNoTracking() on s.ElderId equals e.Id
                         join b in db.Set<InstitutionBed>().AsNoTracking() on s.BedId equals b.Id
                         where s.Id == id
                         select new { s, e.Name, b }).FirstOrDefaultAsync(ct)
                  ?? throw NoStay();
        return InstitutionMapping.ToDto(row.s, row.Name, row.b);
    }
}
