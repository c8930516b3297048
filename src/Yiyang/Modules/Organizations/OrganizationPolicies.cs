namespace Yiyang.Modules.Organizations;

/// <summary>Permissions of the organization registry beyond the shared <see cref="Platform.Security.Policies"/>.</summary>
public static class OrganizationPolicies
{
    /// <summary>Reads the organization registry.</summary>
    public const string Read = "organizations.read";

    /// <summary>Edits the organization registry.</summary>
    public const string Write = "organizations.write";

    /// <summary>Watches the 医务室 rule (care homes of 100+ beds without a medical room): officials of the platform and the regions.</summary>
    public const string Compliance = "organizations.compliance";
}
