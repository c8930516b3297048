namespace Yiyang.Modules.Emergency;

/// <summary>事件详情: one incident of an elder in scope, with its steps and dispatches; the read is audited.</summary>
public sealed class GetIncident(AuditTrail audit, EmergencyAccess access, IncidentMapping mapping)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/incidents/{id:long}", async Task<Ok<IncidentDto>> (long id, GetIncident handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(403, 404);

    public async Task<IncidentDto> HandleAsync(long id, CancellationToken ct, bool audited = true)
    {
        access.User.Demand(EmergencyPolicies.ReadIncidents);
        var i = await access.Incidents().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw EmergencyAccess.NoIncident();
        if (audited) await audit.RecordAsync("emergency.incident.read", "emergency-incident", i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), i.ElderId);
        return (await mapping.ToDtosAsync([i], withDispatches: true, ct)).Single();
    }
}
