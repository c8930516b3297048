namespace Yiyang.Modules.Emergency;

/// <summary>来电详情: the call with its candidates, triage and outcome; the read is audited.</summary>
public sealed class GetCall(CallSteps steps, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/calls/{id:long}", async Task<Ok<CallDto>> (long id, GetCall handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(403, 404);

    public async Task<CallDto> HandleAsync(long id, CancellationToken ct)
    {
        steps.User.Demand(EmergencyPolicies.HandleIncidents);
        var c = await steps.Calls().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw CallSteps.NoCall();
        await audit.RecordAsync("emergency.call.read", "emergency-call", id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.ElderId, wait: false);
        return await steps.ToDtoAsync(c, ct);
    }
}
