namespace Yiyang.Modules.Emergency;

/// <summary>受理: an operator takes the incident (the answer time ends here).</summary>
public sealed class AcknowledgeIncident(IncidentTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/incidents/{id:long}/acknowledge", async Task<Ok<IncidentDto>> (long id, IncidentStepInput? input, IfMatch ifMatch,
                AcknowledgeIncident handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("受理事件（新事件 → 已受理）；状态不允许时 409");

    public async Task<IncidentDto> HandleAsync(long id, IncidentStepInput? input, int? ifMatch, CancellationToken ct)
    {
        var t = await transitions.BeginAsync(id, IncidentAction.Acknowledge, input?.Note, input?.Version, ifMatch, ct);
        return await transitions.CommitAsync(t, $"{IncidentRules.KindName(t.Incident.Kind)}事件已受理", ct);
    }
}
