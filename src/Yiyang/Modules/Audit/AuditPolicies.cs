namespace Yiyang.Modules.Audit;

/// <summary>Permissions of the Audit module (roles in <see cref="AuditModule.PolicyRoles"/>).</summary>
public static class AuditPolicies
{
    /// <summary>Reads and verifies the audit trail (the audit admin).</summary>
    public const string Read = "audit.read";
}
