namespace Yiyang.Modules.Emergency;

/// <summary>接听: an operator takes a ringing call pushed by the gateway (振铃 → 通话中); a second operator gets a 409.</summary>
public sealed class AnswerCall(CallSteps steps)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/calls/{id:long}/answer", async Task<Ok<CallDto>> (long id, IncidentStepInput? input, IfMatch ifMatch, AnswerCall handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input?.Version, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("接听振铃中的来电（振铃 → 通话中）；已被接听时 409");

    public async Task<CallDto> HandleAsync(long id, int? version, int? ifMatch, CancellationToken ct)
    {
        var c = await steps.BeginAsync(id, version, ifMatch, ct, CallStatus.Ringing);
        c.Status = CallStatus.Open;
        (c.AnsweredAt, c.AnsweredBy) = (steps.Now, steps.Actor);
        return await steps.CommitAsync(c, "answer", null, ct);
    }
}
