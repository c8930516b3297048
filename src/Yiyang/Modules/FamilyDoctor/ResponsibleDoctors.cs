using Yiyang.Modules.Accounts;

namespace Yiyang.Modules.FamilyDoctor;

/// <summary>A team member as the recipient rule sees them: their team role and their active doctor account, if any.</summary>
public sealed record TeamDoctorCandidate(string TeamRole, bool IsLeader, string? DoctorUserName);

/// <summary>The rule of who is told about an elder (docs/domain/inbox.md#who-is-told), free of the database.</summary>
public static class ResponsibleDoctorRules
{
    /// <summary>Team roles that are doctors (a nurse or a public-health worker is not the responsible doctor).</summary>
    public static readonly IReadOnlyList<string> DoctorRoles = ["general-practitioner", "specialist", "village-doctor"];

    /// <summary>
    /// The contract team's doctors who have a doctor account (the leader first); when there are none, the doctors of the
    /// organization (the contract team's, else the visiting one's), in name order.
    /// </summary>
    public static IReadOnlyList<string> Pick(IEnumerable<TeamDoctorCandidate> contractTeam, IEnumerable<string> organizationDoctors)
    {
        var team = contractTeam.Where(m => DoctorRoles.Contains(m.TeamRole) && !string.IsNullOrEmpty(m.DoctorUserName))
            .OrderByDescending(m => m.IsLeader).Select(m => m.DoctorUserName!).Distinct(StringComparer.Ordinal).ToList();
        return team.Count > 0 ? team : [.. organizationDoctors.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>A contract is in force on a day when it is active and the day is within its term.</summary>
    public static bool InForce(ContractStatus status, DateOnly start, DateOnly end, DateOnly day) =>
        status == ContractStatus.Active && start <= day && day <= end;
}

/// <summary>
/// The published query of who is responsible for an elder's care: the doctors of the family-doctor contract in force,
/// else the doctors of the organization (docs/domain/inbox.md#who-is-told).
/// </summary>
public sealed class ResponsibleDoctors(YiyangDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<string>> ForElderAsync(long elderId, long? fallbackOrganizationId, CancellationToken ct)
    {
        var today = clock.ChinaToday();
        var contract = await db.Set<FamilyDoctorContract>().AsNoTracking()
            .Where(c => c.ElderId == elderId && c.Status == ContractStatus.Active && c.StartDate <= today && c.EndDate >= today)
            .OrderByDescending(c => c.StartDate).Select(c => new { c.TeamId, c.OrganizationId }).FirstOrDefaultAsync(ct);
        var doctors = db.Set<User>().AsNoTracking().Where(u => u.IsActive && u.Role == Roles.Doctor);
        List<TeamDoctorCandidate> team = [];
        if (contract is not null)
        {
            team = await (from m in db.Set<FamilyDoctorTeamMember>().AsNoTracking()
                          where m.TeamId == contract.TeamId
                          select new TeamDoctorCandidate(m.Role, m.IsLeader, doctors.Where(u => u.Id == m.UserId).Select(u => u.UserName).FirstOrDefault()))
                .ToListAsync(ct);
        }
        var organization = contract?.OrganizationId ?? fallbackOrganizationId;
        var picked = ResponsibleDoctorRules.Pick(team, []);
        if (picked.Count > 0 || organization is null) return picked;
        var orgDoctors = await doctors.Where(u => u.OrganizationId == organization).Select(u => u.UserName).ToListAsync(ct);
        return ResponsibleDoctorRules.Pick([], orgDoctors);
    }
}
