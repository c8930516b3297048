namespace Yiyang.Modules.Emergency;

/// <summary>分诊: the reason of the call and the answers to its script (<see cref="TriageScripts"/>), which set the call's priority; may be redone while the call lasts.</summary>
public sealed class TriageCall(CallSteps steps)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/calls/{id:long}/triage", async Task<Ok<CallDto>> (long id, TriageInput input, IfMatch ifMatch, TriageCall handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("登记来电原因（reason：fall、chest-pain、breathing、confusion、smoke、other）与分诊问题的回答（answers：问题代码 → yes/no/unknown），得出优先级");

    public async Task<CallDto> HandleAsync(long id, TriageInput input, int? ifMatch, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var reason = TriageScripts.ParseReason(input.Reason);
        if (reason is null) errors.Add("reason", "请选择来电原因（跌倒、胸痛、呼吸困难、意识混乱、烟雾/燃气或其他）。");
        else TriageScripts.Validate(reason.Value, input.Answers, errors);
        errors.ThrowIfAny();
        var c = await steps.BeginAsync(id, input.Version, ifMatch, ct, CallStatus.Open);
        var script = TriageScripts.Script(reason!.Value);
        var answers = script.ToDictionary(q => q.Code, q => input.Answers![q.Code]!);
        c.Reason = reason;
        c.TriageAnswers = CallRules.WriteAnswers(answers);
        c.Priority = TriageScripts.Priority(reason.Value, answers);
        return await steps.CommitAsync(c, "triage", $"reason={TriageScripts.ReasonCode(reason.Value)}; priority={c.Priority}", ct);
    }
}
