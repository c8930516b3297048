namespace Yiyang.Modules.Accounts;

/// <summary>Permissions of the Accounts module (roles in <see cref="AccountsModule.PolicyRoles"/>).</summary>
public static class AccountPolicies
{
    /// <summary>Manages user accounts (the security admin).</summary>
    public const string ManageUsers = "users.manage";
}
