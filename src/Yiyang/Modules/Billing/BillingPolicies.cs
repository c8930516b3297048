namespace Yiyang.Modules.Billing;

/// <summary>Permissions of the Billing module (roles in <see cref="BillingModule.PolicyRoles"/>).</summary>
public static class BillingPolicies
{
    /// <summary>Reads the price catalogs and service fees (configuration, no personal data).</summary>
    public const string Catalog = "billing.catalog";

    /// <summary>Reads charges, statements and income (they name elders).</summary>
    public const string Read = "billing.read";

    /// <summary>Changes prices and service fees.</summary>
    public const string Write = "billing.write";
}
