namespace Yiyang.Modules.HealthManagement;

/// <summary>Permissions of the health-management module beyond the shared <c>Policies</c> (roles in <see cref="HealthManagementModule.PolicyRoles"/>).</summary>
public static class HealthManagementPolicies
{
    /// <summary>Reads health-management records and rates.</summary>
    public const string Read = "health-management.read";

    /// <summary>Records health checks, TCM records, follow-ups and vaccinations.</summary>
    public const string Write = "health-management.write";

    /// <summary>Reads long-term prescriptions.</summary>
    public const string PrescriptionsRead = "prescriptions.read";

    /// <summary>Prescribes and dispenses long-term prescriptions.</summary>
    public const string PrescriptionsWrite = "prescriptions.write";

    /// <summary>Sees the work list with masked names (regulators: they read the rates, not the people).</summary>
    public const string MaskedNames = "healthmgmt.masked-names";
}
