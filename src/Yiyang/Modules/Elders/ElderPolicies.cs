namespace Yiyang.Modules.Elders;

/// <summary>Permissions of the elder registry (roles in <see cref="EldersModule.PolicyRoles"/>).</summary>
public static class ElderPolicies
{
    /// <summary>Reads elder records in the user's scope.</summary>
    public const string Read = "elders.read";

    /// <summary>Registers and edits elders.</summary>
    public const string Write = "elders.write";

    /// <summary>Imports elders from a CSV file.</summary>
    public const string Import = "import";

    /// <summary>Reads fall records.</summary>
    public const string FallsRead = "falls.read";

    /// <summary>Records falls.</summary>
    public const string FallsWrite = "falls.write";

    /// <summary>Registers and imports elders for the user's own organization only (institution staff).</summary>
    public const string OwnOrganizationOnly = "elders.own-organization";

    /// <summary>Sees every elder of the platform (<see cref="ElderScope"/>): the city operator.</summary>
    public const string AllElders = "elders.all";
}
