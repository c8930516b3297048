using Yiyang.Modules.Accounts;

namespace Yiyang.Modules.Supervision;

public sealed record InspectorDto(long Id, string UserName, string Name, string Bureau, string BureauName, string RegionCode, bool IsActive,
    string? CertificateNo, DateOnly? ValidFrom, DateOnly? ValidUntil, bool CertificateValid, int Conflicts, int Version) : IVersioned;

public sealed record ConflictDto(long Id, long InspectorId, long OrganizationId, string OrganizationName, string Reason, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// Which inspectors a regulator manages: the inspector accounts of the regulator's bureau whose region lies in the
/// regulator's region (docs/domain/supervision.md#the-two-lists). Others are a 404.
/// </summary>
public sealed class InspectorAccess(YiyangDb db, CurrentUser user, TimeProvider clock)
{
    public DateOnly Today => clock.ChinaToday();

    public string Actor => user.UserName;

    /// <summary>The inspector accounts in the regulator's scope.</summary>
    public IQueryable<User> Scoped()
    {
        user.Demand(SupervisionPolicies.ManageInspectors);
        var bureau = user.Bureau ?? "";
        var region = user.RegionCode ?? "";
        if (region.Length == 0) return db.Users.AsNoTracking().Where(_ => false);
        return db.Users.AsNoTracking().Where(u => u.Role == Roles.Inspector && u.Bureau == bureau && u.RegionCode != null && u.RegionCode.StartsWith(region));
    }

    public async Task<User> LoadAsync(long id, CancellationToken ct) =>
        await Scoped().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("未找到该监督员，或其不属于您的部门和辖区。");

    public async Task<IReadOnlyList<InspectorDto>> ToDtosAsync(IReadOnlyList<User> users, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var certificates = await db.Set<InspectorCertificate>().AsNoTracking().Where(c => ids.Contains(c.UserId)).ToDictionaryAsync(c => c.UserId, ct);
        var conflicts = await db.Set<InspectorConflict>().AsNoTracking().Where(c => ids.Contains(c.InspectorUserId))
            .GroupBy(c => c.InspectorUserId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var today = Today;
        return [.. users.Select(u =>
        {
            var c = certificates.GetValueOrDefault(u.Id);
            return new InspectorDto(u.Id, u.UserName, u.DisplayName, u.Bureau ?? "", Bureaus.DisplayName(u.Bureau), u.RegionCode ?? "", u.IsActive,
                c?.CertificateNo, c?.ValidFrom, c?.ValidUntil, c is not null && c.ValidFrom <= today && today <= c.ValidUntil,
                conflicts.GetValueOrDefault(u.Id), c?.Version ?? 0);
        })];
    }
}
