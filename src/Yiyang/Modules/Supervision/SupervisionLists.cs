using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

public sealed record EntitySnapshot(long OrganizationId, string Name, string Kind, string TownshipCode);

public sealed record InspectorSnapshot(long InspectorId, string Name, string Bureau, string CertificateNo);

public sealed record ConflictSnapshot(long InspectorId, long OrganizationId, string Reason);

/// <summary>
/// The two lists (两库, docs/domain/supervision.md#the-two-lists) of a plan as they stand now, sorted by id: the
/// organizations of the plan's kinds in its region that one of its bureaus supervises, and the active inspectors of its
/// bureaus whose region overlaps the plan's with a certificate valid on the day; plus the conflicts between them.
/// Which organizations a bureau supervises: 卫健 medical and integrated, 民政 elderly-care and integrated, 医保 its
/// designated (定点) institutions of any kind.
/// </summary>
public sealed class SupervisionLists(YiyangDb db)
{
    public async Task<List<EntitySnapshot>> EntitiesAsync(IReadOnlyCollection<string> bureaus, IReadOnlyCollection<OrganizationKind> kinds, string region,
        CancellationToken ct)
    {
        var health = bureaus.Contains(Bureaus.Health);
        var civil = bureaus.Contains(Bureaus.CivilAffairs);
        var insurance = bureaus.Contains(Bureaus.Insurance);
        var rows = await db.Organizations.AsNoTracking()
            .Where(o => o.TownshipCode.StartsWith(region) && kinds.Contains(o.Kind))
            .Where(o => (health && (o.Kind == OrganizationKind.Medical || o.Kind == OrganizationKind.Integrated))
                        || (civil && (o.Kind == OrganizationKind.ElderlyCare || o.Kind == OrganizationKind.Integrated))
                        || (insurance && o.InsuranceDesignated))
            .OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Name, o.Kind, o.TownshipCode })
            .ToListAsync(ct);
        return [.. rows.Select(o => new EntitySnapshot(o.Id, o.Name, OrganizationKinds.Code(o.Kind), o.TownshipCode))];
    }

    public async Task<int> CountEntitiesAsync(IReadOnlyCollection<string> bureaus, IReadOnlyCollection<OrganizationKind> kinds, string region, CancellationToken ct) =>
        (await EntitiesAsync(bureaus, kinds, region, ct)).Count;

    public async Task<List<InspectorSnapshot>> InspectorsAsync(IReadOnlyCollection<string> bureaus, string region, DateOnly day, CancellationToken ct)
    {
        // the inspector's region covers the plan's (a prefix of it) or lies inside it
        var covering = Enumerable.Range(1, region.Length).Select(n => region[..n]).ToList();
        var rows = await (from u in db.Users.AsNoTracking()
                          join c in db.Set<InspectorCertificate>().AsNoTracking() on u.Id equals c.UserId
                          where u.Role == Roles.Inspector && u.IsActive && u.Bureau != null && bureaus.Contains(u.Bureau)
                                && u.RegionCode != null && (covering.Contains(u.RegionCode) || u.RegionCode.StartsWith(region))
                                && c.ValidFrom <= day && day <= c.ValidUntil
                          orderby u.Id
                          select new InspectorSnapshot(u.Id, u.DisplayName, u.Bureau!, c.CertificateNo)).ToListAsync(ct);
        return rows;
    }

    public async Task<List<ConflictSnapshot>> ConflictsAsync(IReadOnlyCollection<long> inspectors, IReadOnlyCollection<long> organizations, CancellationToken ct)
    {
        if (inspectors.Count == 0 || organizations.Count == 0) return [];
        var rows = await db.Set<InspectorConflict>().AsNoTracking()
            .Where(c => inspectors.Contains(c.InspectorUserId) && organizations.Contains(c.OrganizationId))
            .Select(c => new ConflictSnapshot(c.InspectorUserId, c.OrganizationId, c.Reason)).ToListAsync(ct);
        return [.. rows.OrderBy(c => c.InspectorId).ThenBy(c => c.OrganizationId)];
    }
}
