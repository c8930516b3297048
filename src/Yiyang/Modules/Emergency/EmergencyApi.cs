namespace Yiyang.Modules.Emergency;

/// <summary>The emergency centre's routes, one use case each: devices (users), the device endpoints (device secrets), incidents.</summary>
public static class EmergencyApi
{
    public static void MapEmergency(this IEndpointRouteBuilder app)
    {
        var devices = app.MapGroup("/api").WithTags("Emergency").RequireAuthorization(EmergencyPolicies.ManageDevices).WithETags();
        RegisterDevice.Map(devices);
        ListDevices.Map(devices);
        RevokeDevice.Map(devices);

        // what devices send: their own scheme and policy, never a user's token
        var fromDevices = app.MapGroup("/api").WithTags("EmergencyDevices").RequireAuthorization(EmergencyPolicies.Device);
        ReceiveAlarm.Map(fromDevices);
        ReceiveReadings.Map(fromDevices);
        ReceiveHeartbeat.Map(fromDevices);

        var incidents = app.MapGroup("/api").WithTags("Emergency").RequireAuthorization(EmergencyPolicies.ReadIncidents).WithETags();
        ListIncidents.Map(incidents);
        IncidentStream.Map(incidents);
        GetIncident.Map(incidents);
        GetElderCard.Map(incidents);
        AcknowledgeIncident.Map(incidents);
        DispatchIncident.Map(incidents);
        RecordOnScene.Map(incidents);
        ResolveIncident.Map(incidents);
        CloseIncident.Map(incidents);
        GetResponders.Map(incidents);
        GetVitalThresholds.Map(incidents);
        SetVitalThresholds.Map(incidents);

        // the responders' inbox: tasks sent to their organization
        var tasks = app.MapGroup("/api").WithTags("EmergencyResponders").RequireAuthorization(EmergencyPolicies.Respond).WithETags();
        ListMyDispatches.Map(tasks);
        AcceptDispatch.Map(tasks);
        ArriveDispatch.Map(tasks);
        ReportDispatchResult.Map(tasks);

        var calls = app.MapGroup("/api").WithTags("EmergencyCalls").RequireAuthorization(EmergencyPolicies.HandleIncidents).WithETags();
        OpenCall.Map(calls);
        ListCalls.Map(calls);
        GetCall.Map(calls);
        AnswerCall.Map(calls);
        MatchCaller.Map(calls);
        TriageCall.Map(calls);
        CompleteCall.Map(calls);

        // the telephony gateway's screen pop: its own scheme and policy
        var fromGateway = app.MapGroup("/api").WithTags("EmergencyGateway").RequireAuthorization(EmergencyPolicies.Gateway);
        ReceiveIncomingCall.Map(fromGateway);

        app.MapEmergencyNotifications();
    }
}
