using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

public sealed record PlanDrawSummary(long DrawId, int Sequence, string Seed, string DrawnBy, DateTimeOffset DrawnAt, string? RedrawReason, int SampleSize, bool Current);

public sealed record PlanDto(long Id, string Name, string Bureau, IReadOnlyList<string> Bureaus, string BureauNames, int Year, decimal RatioPercent,
    IReadOnlyList<string> OrganizationKinds, string RegionCode, string RegionName, int InspectorsPerEntity, int EntityCount, int SampleSize,
    string Status, long? CurrentDrawId, IReadOnlyList<PlanDrawSummary> Draws, string CreatedBy, DateTimeOffset CreatedAt, int Version) : IVersioned;

/// <summary>
/// Who sees a plan (docs/domain/supervision.md#who-sees-what): the regulators of its bureaus whose region contains the
/// plan's region; nobody else (out of scope is a 404). Only the lead bureau's regulators draw.
/// </summary>
public sealed class PlanAccess(YiyangDb db, CurrentUser user, RegionCatalog regions, TimeProvider clock)
{
    public CurrentUser User => user;

    public DateOnly Today => clock.ChinaToday();

    public IQueryable<InspectionPlan> Scoped()
    {
        user.Demand(SupervisionPolicies.Plan);
        var bureau = "," + (user.Bureau ?? "") + ",";
        var region = user.RegionCode ?? "";
        if (region.Length == 0 || string.IsNullOrEmpty(user.Bureau)) return db.Set<InspectionPlan>().Where(_ => false);
        return db.Set<InspectionPlan>().Where(p => p.RegionCode.StartsWith(region) && ("," + p.Bureaus + ",").Contains(bureau));
    }

    public async Task<InspectionPlan> LoadAsync(long id, CancellationToken ct, bool track = false)
    {
        var q = Scoped();
        if (!track) q = q.AsNoTracking();
        return await q.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("未找到该抽查计划，或您无权查看。");
    }

    public static IReadOnlyList<string> BureausOf(InspectionPlan p) => p.Bureaus.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static IReadOnlyList<OrganizationKind> KindsOf(InspectionPlan p) =>
        [.. p.OrganizationKinds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => OrganizationKinds.Parse(k)!.Value)];

    public async Task<PlanDto> ToDtoAsync(InspectionPlan p, CancellationToken ct)
    {
        var draws = await db.Set<InspectionDraw>().AsNoTracking().Where(d => d.PlanId == p.Id).OrderBy(d => d.Sequence)
            .Select(d => new { d.Id, d.Sequence, d.Seed, d.DrawnByUser, d.DrawnAt, d.RedrawReason, d.SampleSize }).ToListAsync(ct);
        var last = draws.LastOrDefault();
        var bureaus = BureausOf(p);
        return new PlanDto(p.Id, p.Name, p.LeadBureau, bureaus, string.Join("、", bureaus.Select(Bureaus.DisplayName)), p.Year, p.RatioBasisPoints / 100m,
            p.OrganizationKinds.Split(',', StringSplitOptions.RemoveEmptyEntries), p.RegionCode, regions.Find(p.RegionCode)?.Name ?? p.RegionCode,
            p.InspectorsPerEntity, p.EntityCount, p.SampleSize, last is null ? "draft" : "drawn", last?.Id,
            [.. draws.Select(d => new PlanDrawSummary(d.Id, d.Sequence, d.Seed, d.DrawnByUser, d.DrawnAt, d.RedrawReason, d.SampleSize, d.Id == last!.Id))],
            p.CreatedByUser, p.CreatedAt, p.Version);
    }
}
