namespace Yiyang.Modules.Billing;

/// <summary>Permissions of the Billing module (roles in <see cref="BillingModule.PolicyRoles"/>).</summary>
public static class BillingPolicies
{
    /// <summary>Reads prices, charges and statements.</summary>
    public const string Read = "billing.read";

    /// <summary>Changes prices and service fees.</summary>
    public const string Write = "billing.write";
}
