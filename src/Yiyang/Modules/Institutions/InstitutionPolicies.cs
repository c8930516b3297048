namespace Yiyang.Modules.Institutions;

/// <summary>Permissions of the institutions module beyond <see cref="Platform.Security.Policies.InstitutionsWrite"/>.</summary>
public static class InstitutionPolicies
{
    /// <summary>Works for every care institution (not only the user's own): the platform admin.</summary>
    public const string AllInstitutions = "institutions.all";
}
