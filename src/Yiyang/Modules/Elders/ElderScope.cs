using Yiyang.Platform.Security;

namespace Yiyang.Modules.Elders;

/// <summary>
/// Who may see which elders. Platform admin: all; regulators and call operators: their region; institution
/// staff: elders their organization is responsible for; security and audit admins: none. Out-of-scope reads
/// are reported as 404 by the callers, never 403, so that existence does not leak.
/// </summary>
public static class ElderScope
{
    public static IQueryable<Elder> Apply(IQueryable<Elder> q, CurrentUser user)
    {
        if (!user.IsAuthenticated) return q.Where(e => false);
        switch (user.Role)
        {
            case Roles.PlatformAdmin:
                return q;
            case Roles.Regulator or Roles.CallOperator:
                if (string.IsNullOrEmpty(user.RegionCode)) return q.Where(e => false);
                var region = user.RegionCode;
                return region.Length >= 9
                    ? q.Where(e => e.TownshipCode == region)
                    : region.Length == 6 ? q.Where(e => e.CountyCode == region) : q.Where(e => e.TownshipCode.StartsWith(region));
            case Roles.Doctor or Roles.Nurse or Roles.Caregiver or Roles.InstitutionAdmin:
                if (user.OrganizationId is not { } org) return q.Where(e => false);
                return q.Where(e => e.ResponsibleOrganizationId == org);
            default:
                return q.Where(e => false);
        }
    }

    /// <summary>The same rule for one loaded elder.</summary>
    public static bool Allows(CurrentUser user, Elder e) => user.Role switch
    {
        Roles.PlatformAdmin => true,
        Roles.Regulator or Roles.CallOperator => !string.IsNullOrEmpty(user.RegionCode) && e.TownshipCode.StartsWith(user.RegionCode, StringComparison.Ordinal),
        Roles.Doctor or Roles.Nurse or Roles.Caregiver or Roles.InstitutionAdmin => user.OrganizationId is { } o && e.ResponsibleOrganizationId == o,
        _ => false,
    };
}
