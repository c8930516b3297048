using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.FamilyDoctor;

/// <summary>
/// What the family-doctor use cases share (docs/domain/family-doctor.md). Institution staff manage the teams, packages
/// and contracts of their own organization; a contract's elder must be in the user's elder scope.
/// </summary>
public sealed class FamilyDoctorAccess(YiyangDb db, CurrentUser user, TimeProvider clock)
{
    public const string Module = "familydoctor";

    /// <summary>Institution staff act for their own organization.</summary>
    public bool IsStaff => Roles.InstitutionStaff.Contains(user.Role);

    public void DemandWriter() => user.Demand(FamilyDoctorPolicies.Write);

    /// <summary>Staff act for their own organization; the city operator names one. It must be a medical one.</summary>
    public async Task<Organization> ResolveOrganizationAsync(long? requested, CancellationToken ct)
    {
        long orgId;
        if (IsStaff)
        {
            if (user.OrganizationId is not { } own) throw new ForbiddenException("您的账号未关联机构。");
            if (requested is { } r && r != own) throw ValidationFailedException.For("organizationId", "只能为本机构办理。");
            orgId = own;
        }
        else
        {
            orgId = requested ?? throw ValidationFailedException.For("organizationId", "请选择所属医疗卫生机构。");
        }
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct)
                  ?? throw ValidationFailedException.For("organizationId", "机构不存在。");
        if (org.Kind == OrganizationKind.ElderlyCare)
            throw ValidationFailedException.For("organizationId", "家庭医生团队和服务包只能属于医疗卫生机构或医养结合机构。");
        return org;
    }

    /// <summary>Whether a team or package of <paramref name="organizationId"/> is out of reach (staff: not their organization's).</summary>
    public bool OutOfReach(long organizationId) => IsStaff && organizationId != user.OrganizationId;

    /// <summary>The organization a list defaults to: the one asked for, else the staff's own.</summary>
    public long? ListOrganization(long? requested) => requested ?? (IsStaff ? user.OrganizationId : null);

    /// <summary>Saves a team or package: a name taken in the organization is a field error, a lost update a 409.</summary>
    public Task SaveUniqueNameAsync(string duplicateMessage, CancellationToken ct) =>
        db.SaveOrConflictAsync(ct, onDuplicate: () => ValidationFailedException.For("name", duplicateMessage));

    public async Task<Dictionary<long, string>> OrganizationNamesAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(x => list.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
    }

    public Task<string?> OrganizationNameAsync(long id, CancellationToken ct) =>
        db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(ct);

    /// <summary>The contracts whose elder the user may see (no AsNoTracking inside: writers load through here).</summary>
    public IQueryable<FamilyDoctorContract> ScopedContracts(bool forWrite = false) => db.ScopedByElder<FamilyDoctorContract>(user, forWrite);

    public async Task<FamilyDoctorContract> LoadContractForWriteAsync(long id, CancellationToken ct)
    {
        var c = await ScopedContracts(forWrite: true).AsTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该签约，或您无权查看。");
        if (IsStaff && c.OrganizationId != user.OrganizationId) throw new ForbiddenException("只能办理本机构团队的签约。");
        return c;
    }

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    public void AddEvent(long elderId, string kind, string summary) =>
        db.TimelineEvents.Add(TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, Module, summary, Actor));
}
