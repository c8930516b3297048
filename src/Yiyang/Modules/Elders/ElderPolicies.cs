namespace Yiyang.Modules.Elders;

/// <summary>Permissions of the elder registry beyond the shared <see cref="Platform.Security.Policies"/>.</summary>
public static class ElderPolicies
{
    /// <summary>Registers and imports elders for the user's own organization only (institution staff).</summary>
    public const string OwnOrganizationOnly = "elders.own-organization";

    /// <summary>Sees every elder of the platform (<see cref="ElderScope"/>): the platform admin.</summary>
    public const string AllElders = "elders.all";
}
