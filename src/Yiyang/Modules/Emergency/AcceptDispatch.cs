namespace Yiyang.Modules.Emergency;

/// <summary>接单: the responder takes the task (the dispatch-acceptance limit stops here).</summary>
public sealed class AcceptDispatch(DispatchSteps steps)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/dispatches/{id:long}/accept", async Task<Ok<ResponderTaskDto>> (long id, DispatchStepInput? input, IfMatch ifMatch, AcceptDispatch handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("接单（待接单 → 已接单）；只能处理派给本机构的任务");

    public async Task<ResponderTaskDto> HandleAsync(long id, DispatchStepInput? input, int? ifMatch, CancellationToken ct)
    {
        var (d, incident) = await steps.BeginAsync(id, DispatchAction.Accept, input?.Version, ifMatch, ct);
        return await steps.CommitAsync(d, incident, DispatchAction.Accept, $"{IncidentRules.ResponderName(d.ResponderKind)}已接单：{d.ResponderName}", ct);
    }
}
