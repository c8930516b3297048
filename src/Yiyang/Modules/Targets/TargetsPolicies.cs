namespace Yiyang.Modules.Targets;

/// <summary>Permissions of the targets module (roles in <see cref="TargetsModule.PolicyRoles"/>).</summary>
public static class TargetsPolicies
{
    /// <summary>Reads indicators, targets and their drill-through lists within the user's region (officials).</summary>
    public const string Read = "targets.read";

    /// <summary>Sets the targets of the indicators their bureau owns, within their region (bureau regulators).</summary>
    public const string Set = "targets.set";
}
