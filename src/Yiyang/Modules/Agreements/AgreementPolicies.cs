namespace Yiyang.Modules.Agreements;

/// <summary>The agreement permissions beyond the module's endpoint policies (<see cref="AgreementPolicies.Use"/>, <see cref="AgreementPolicies.Oversight"/>).</summary>
public static class AgreementPolicies
{
    /// <summary>Reads and drafts cooperation agreements.</summary>
    public const string Use = "agreements";

    /// <summary>Oversees agreements and their performance (regulators).</summary>
    public const string Oversight = "agreements.oversight";

    /// <summary>Reads and writes every agreement (the city operator).</summary>
    public const string AnyOrganization = "agreements.any-organization";

    /// <summary>Signs agreements for their organization and changes their status (institution admins; the city operator any).</summary>
    public const string Sign = "agreements.sign";

    /// <summary>Reads the agreements of the care institutions in their county, and the uncovered care homes of their region (regulators).</summary>
    public const string Region = "agreements.region";
}
