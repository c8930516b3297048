namespace Yiyang.Modules.Emergency;

/// <summary>关闭: the settled incident is reviewed and closed.</summary>
public sealed class CloseIncident(IncidentTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/incidents/{id:long}/close", async Task<Ok<IncidentDto>> (long id, IncidentStepInput? input, IfMatch ifMatch,
                CloseIncident handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("关闭事件（已处置 → 已关闭）");

    public async Task<IncidentDto> HandleAsync(long id, IncidentStepInput? input, int? ifMatch, CancellationToken ct)
    {
        var t = await transitions.BeginAsync(id, IncidentAction.Close, input?.Note, input?.Version, ifMatch, ct);
        return await transitions.CommitAsync(t, $"{IncidentRules.KindName(t.Incident.Kind)}事件已关闭", ct);
    }
}
