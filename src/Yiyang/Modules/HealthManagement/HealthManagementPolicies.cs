namespace Yiyang.Modules.HealthManagement;

/// <summary>Permissions of the health-management module beyond the shared <c>Policies</c> (roles in <see cref="HealthManagementModule.PolicyRoles"/>).</summary>
public static class HealthManagementPolicies
{
    /// <summary>Sees the work list with masked names (regulators: they read the rates, not the people).</summary>
    public const string MaskedNames = "healthmgmt.masked-names";
}
