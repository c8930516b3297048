namespace Yiyang.Modules.Elders;

/// <summary>
/// Who may see which elders. City operator: all (the platform serves one city; its registry is the city's business,
/// including elders registered by the city's organizations who live elsewhere); platform admin: none (三员分立); regulators and call operators: their region; institution
/// staff: elders their organization is responsible for or who live in it (an open stay), and — read only — the
/// residents of care homes that have an agreement in force with it; security and audit admins: none. Out-of-scope reads
/// are reported as 404 by the callers, never 403, so that existence does not leak.
/// </summary>
public static class ElderScope
{
    /// <param name="forWrite">Writers get no agreement grant: a partner hospital reads covered residents, never writes them.</param>
    public static IQueryable<Elder> Apply(IQueryable<Elder> q, CurrentUser user, bool forWrite = false)
    {
        if (!user.IsAuthenticated) return q.Where(e => false);
        switch (user.Role)
        {
            case Roles.CityOperator:
                return q;
            case Roles.Regulator or Roles.CallOperator:
                if (string.IsNullOrEmpty(user.RegionCode)) return q.Where(e => false);
                var region = user.RegionCode;
                return region.Length >= 9
                    ? q.Where(e => e.TownshipCode == region)
                    : region.Length == 6 ? q.Where(e => e.CountyCode == region) : q.Where(e => e.TownshipCode.StartsWith(region));
            case Roles.Doctor or Roles.Nurse or Roles.Caregiver or Roles.InstitutionAdmin:
                if (user.OrganizationId is not { } org) return q.Where(e => false);
                // or a resident of a care institution that has an agreement in force with the user's organization (docs/domain/collaboration.md#access-granted-by-an-agreement)
                var covered = forWrite ? null : Agreements.AgreementScope.CoveredElderIds(q, org, user.ChinaToday);
                // and the organization's own residents (an open stay there), who may be registered to another organization
                var residents = Agreements.AgreementScope.ResidentElderIds(q, org);
                return (residents, covered) switch
                {
                    (null, _) => q.Where(e => e.ResponsibleOrganizationId == org),
                    (_, null) => q.Where(e => e.ResponsibleOrganizationId == org || residents.Contains(e.Id)),
                    _ => q.Where(e => e.ResponsibleOrganizationId == org || residents.Contains(e.Id) || covered.Contains(e.Id)),
                };
            default:
                return q.Where(e => false);
        }
    }

    /// <summary>The same rule for one loaded elder; <paramref name="coveredByAgreement"/>: the caller checked the agreement grant.</summary>
    public static bool Allows(CurrentUser user, Elder e, bool coveredByAgreement = false) => user.Role switch
    {
        Roles.CityOperator => true,
        Roles.Regulator or Roles.CallOperator => !string.IsNullOrEmpty(user.RegionCode) && e.TownshipCode.StartsWith(user.RegionCode, StringComparison.Ordinal),
        Roles.Doctor or Roles.Nurse or Roles.Caregiver or Roles.InstitutionAdmin => user.OrganizationId is { } o && (e.ResponsibleOrganizationId == o || coveredByAgreement),
        _ => false,
    };
}

/// <summary>A record that belongs to one elder: it is visible to whoever may see that elder (<see cref="ElderScope"/>).</summary>
public interface IElderOwned
{
    long ElderId { get; }
}

public static class ElderOwnedScope
{
    /// <summary>
    /// The records of <typeparamref name="T"/> whose elder the user may see (<see cref="ElderScope.Apply"/>); with
    /// <paramref name="forWrite"/>, only the elders the user may write (no read-only agreement grant).
    /// </summary>
    public static IQueryable<T> ScopedByElder<T>(this Platform.Data.YiyangDb db, CurrentUser user, bool forWrite = false)
        where T : class, IElderOwned
    {
        var elders = ElderScope.Apply(db.Elders, user, forWrite);
        return db.Set<T>().Where(x => elders.Any(e => e.Id == x.ElderId));
    }
}
