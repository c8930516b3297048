using Microsoft.AspNetCore.Authentication;
using Yiyang.Platform.Hosting;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// The emergency and monitoring centre: devices bound to elders with their own credentials, alarms, readings and
/// heartbeats from them, and the incidents the call centre answers, dispatches and closes (docs/domain/emergency.md).
/// </summary>
public sealed class EmergencyModule : YiyangModule
{
    public override void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.Configure<EmergencyOptions>(config.GetSection("Emergency"));
        // the device endpoints' own scheme and policy (not the default scheme: user endpoints never see device secrets)
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DeviceAuthentication>(DeviceAuthentication.SchemeName, null);
        services.AddAuthorization(o => o.AddPolicy(EmergencyPolicies.Device, p => p.AddAuthenticationSchemes(DeviceAuthentication.SchemeName)
            .RequireAuthenticatedUser().RequireClaim(DeviceAuthentication.DeviceClaim)));
        // the telephony gateway's scheme and policy, like the devices'
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, GatewayAuthentication>(GatewayAuthentication.SchemeName, null);
        services.AddAuthorization(o => o.AddPolicy(EmergencyPolicies.Gateway, p => p.AddAuthenticationSchemes(GatewayAuthentication.SchemeName)
            .RequireAuthenticatedUser().RequireClaim(GatewayAuthentication.GatewayClaim)));
        services.AddScoped<EmergencyAccess>();
        services.AddScoped<DeviceSignals>();
        services.AddScoped<IncidentOpener>();
        services.AddScoped<VitalAlerts>();
        services.AddScoped<IncidentMapping>();
        services.AddScoped<IncidentTransitions>();
        services.AddScoped<RegisterDevice>();
        services.AddScoped<ListDevices>();
        services.AddScoped<RevokeDevice>();
        services.AddScoped<ReceiveAlarm>();
        services.AddScoped<ReceiveReadings>();
        services.AddScoped<ReceiveHeartbeat>();
        services.AddPeriodicCheck<DeviceOfflineCheck, EmergencyOptions>(o => TimeSpan.FromSeconds(o.OfflineCheckSeconds));
        services.AddPeriodicCheck<EscalationCheck, EmergencyOptions>(o => TimeSpan.FromSeconds(o.EscalationCheckSeconds));
        services.AddScoped<VitalThresholdSettings>();
        services.AddScoped<GetVitalThresholds>();
        services.AddScoped<SetVitalThresholds>();
        services.AddScoped<ListIncidents>();
        services.AddScoped<IncidentStream>();
        services.AddScoped<GetElderCard>();
        services.AddScoped<GetIncident>();
        services.AddScoped<AcknowledgeIncident>();
        services.AddScoped<DispatchIncident>();
        services.AddScoped<RecordOnScene>();
        services.AddScoped<ResolveIncident>();
        services.AddScoped<CloseIncident>();
        services.AddScoped<ResponderDirectory>();
        services.AddScoped<GetResponders>();
        services.AddScoped<DispatchSteps>();
        services.AddScoped<ListMyDispatches>();
        services.AddScoped<AcceptDispatch>();
        services.AddScoped<ArriveDispatch>();
        services.AddScoped<ReportDispatchResult>();
        services.AddScoped<CallerDirectory>();
        services.AddScoped<CallSteps>();
        services.AddScoped<OpenCall>();
        services.AddScoped<ReceiveIncomingCall>();
        services.AddScoped<ListCalls>();
        services.AddScoped<GetCall>();
        services.AddScoped<AnswerCall>();
        services.AddScoped<MatchCaller>();
        services.AddScoped<TriageCall>();
        services.AddScoped<CompleteCall>();
        services.AddEmergencyNotifications(config);
    }

    public override void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapEmergency();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.ApplyConfiguration(new EmergencyDeviceConfiguration());
        model.ApplyConfiguration(new EmergencyIncidentConfiguration());
        model.ApplyConfiguration(new EmergencyDispatchConfiguration());
        model.ApplyConfiguration(new EmergencyAlarmConfiguration());
        model.ApplyConfiguration(new EmergencyReadingConfiguration());
        model.ApplyConfiguration(new EmergencyThresholdConfiguration());
        model.ApplyConfiguration(new EmergencyCallConfiguration());
        model.ApplyConfiguration(new EmergencyEscalationConfiguration());
        model.ApplyConfiguration(new EmergencyEventConfiguration());
        model.ApplyConfiguration(new EmergencyCallerConfiguration());
        model.ConfigureNotifications();
    }

    public override IReadOnlyDictionary<string, string[]> PolicyRoles { get; } = new Dictionary<string, string[]>
    {
        [EmergencyPolicies.ManageDevices] = [Roles.CallOperator, Roles.CityOperator, Roles.Doctor, Roles.Nurse, Roles.InstitutionAdmin],
        [EmergencyPolicies.ReadIncidents] = [Roles.CallOperator, Roles.CityOperator, Roles.Doctor, Roles.Nurse, Roles.InstitutionAdmin],
        [EmergencyPolicies.HandleIncidents] = [Roles.CallOperator, Roles.CityOperator],
        [EmergencyPolicies.SetThresholds] = [Roles.Doctor],
        [EmergencyPolicies.Respond] = [Roles.Doctor, Roles.Nurse, Roles.Caregiver, Roles.InstitutionAdmin],
    };
}
