namespace Yiyang.Modules.Emergency;

/// <summary>The emergency centre's permissions (roles in <see cref="EmergencyModule.PolicyRoles"/>).</summary>
public static class EmergencyPolicies
{
    /// <summary>Registers, lists and revokes devices of elders in scope: the call centre, the city operator, the elder's responsible organization.</summary>
    public const string ManageDevices = "emergency.devices";

    /// <summary>Reads incidents of elders in scope.</summary>
    public const string ReadIncidents = "emergency.incidents.read";

    /// <summary>Works incidents (acknowledge, dispatch, on scene, resolve, close): the call centre and the city operator.</summary>
    public const string HandleIncidents = "emergency.incidents.handle";

    /// <summary>Answers tasks sent to the user's organization (inbox, accept, arrived, result): the staff of family-doctor teams and care homes.</summary>
    public const string Respond = "emergency.respond";

    /// <summary>Sets an elder's own vital alert thresholds: the doctor of the elder's responsible organization.</summary>
    public const string SetThresholds = "emergency.thresholds";

    /// <summary>
    /// The device endpoints (alarms, readings, heartbeats): a device secret through <see cref="DeviceAuthentication.SchemeName"/>
    /// only. Not a role policy: no user holds it, and a user token never passes it.
    /// </summary>
    public const string Device = "emergency.device";

    /// <summary>The telephony gateway's endpoint (a ringing call): a gateway secret through <see cref="GatewayAuthentication.SchemeName"/> only; no user holds it.</summary>
    public const string Gateway = "emergency.gateway";
}
