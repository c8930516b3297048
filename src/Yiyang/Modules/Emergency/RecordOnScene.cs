namespace Yiyang.Modules.Emergency;

/// <summary>到场: the responder reached the elder.</summary>
public sealed class RecordOnScene(IncidentTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/incidents/{id:long}/on-scene", async Task<Ok<IncidentDto>> (long id, IncidentStepInput? input, IfMatch ifMatch,
                RecordOnScene handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("登记到场（已派单 → 已到场）");

    public async Task<IncidentDto> HandleAsync(long id, IncidentStepInput? input, int? ifMatch, CancellationToken ct)
    {
        var t = await transitions.BeginAsync(id, IncidentAction.ArriveOnScene, input?.Note, input?.Version, ifMatch, ct);
        return await transitions.CommitAsync(t, $"{IncidentRules.KindName(t.Incident.Kind)}事件：处置人员已到场", ct);
    }
}
