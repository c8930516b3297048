namespace Yiyang.Modules.Organizations;

/// <summary>Permissions of the organization registry beyond the shared <see cref="Platform.Security.Policies"/>.</summary>
public static class OrganizationPolicies
{
    /// <summary>Watches the 医务室 rule (care homes of 100+ beds without a medical room): officials of the platform and the regions.</summary>
    public const string Compliance = "organizations.compliance";
}
