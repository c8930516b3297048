namespace Yiyang.Modules.Emergency;

/// <summary>到达: the responder is with the elder; an incident still 已派单 becomes 已到场 (time and person of the responder).</summary>
public sealed class ArriveDispatch(DispatchSteps steps)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/dispatches/{id:long}/arrive", async Task<Ok<ResponderTaskDto>> (long id, DispatchStepInput? input, IfMatch ifMatch, ArriveDispatch handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("登记到达（已接单 → 已到达）；事件为已派单时转为已到场");

    public async Task<ResponderTaskDto> HandleAsync(long id, DispatchStepInput? input, int? ifMatch, CancellationToken ct)
    {
        var (d, incident) = await steps.BeginAsync(id, DispatchAction.Arrive, input?.Version, ifMatch, ct);
        if (incident.Status == IncidentStatus.Dispatched)
        {
            incident.Status = IncidentStatus.OnScene;
            (incident.OnSceneAt, incident.OnSceneBy) = (d.ArrivedAt, steps.Actor);
            incident.UpdatedAt = steps.Now;
            incident.Version++;
        }
        return await steps.CommitAsync(d, incident, DispatchAction.Arrive, $"{IncidentRules.ResponderName(d.ResponderKind)}已到达：{d.ResponderName}", ct);
    }
}
