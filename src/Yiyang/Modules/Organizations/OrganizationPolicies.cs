namespace Yiyang.Modules.Organizations;

/// <summary>Permissions of the organization registry beyond the shared <see cref="Platform.Security.Policies"/>.</summary>
public static class OrganizationPolicies
{
    /// <summary>Reads the organization registry.</summary>
    public const string Read = "organizations.read";

    /// <summary>Edits the organization registry (some part of it: see the three below).</summary>
    public const string Write = "organizations.write";

    /// <summary>Registers and edits every organization (the platform admin: the registry is configuration).</summary>
    public const string WriteAll = "organizations.write-all";

    /// <summary>Registers and edits the organizations of the user's region whose kinds the user's bureau supervises (regulators; <see cref="OrganizationBureaus"/>).</summary>
    public const string WriteSupervised = "organizations.write-supervised";

    /// <summary>Edits the user's own organization (institution admins).</summary>
    public const string WriteOwn = "organizations.write-own";

    /// <summary>Watches the 医务室 rule (care homes of 100+ beds without a medical room): officials of the platform and the regions.</summary>
    public const string Compliance = "organizations.compliance";
}
