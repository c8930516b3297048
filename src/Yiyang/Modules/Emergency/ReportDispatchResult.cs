namespace Yiyang.Modules.Emergency;

/// <summary>反馈: the responder reports the outcome; an incident still open (已派单/已到场) is resolved with it. Closing stays the call centre's.</summary>
public sealed class ReportDispatchResult(DispatchSteps steps)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/dispatches/{id:long}/result", async Task<Ok<ResponderTaskDto>> (long id, DispatchStepInput input, IfMatch ifMatch, ReportDispatchResult handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("反馈处置结果（已到达 → 已反馈）：outcome 为 family-doctor-visit、care-home-staff、hospital-via-120、family-handled、false-alarm、other（须填 note）；事件随之登记为已处置");

    public async Task<ResponderTaskDto> HandleAsync(long id, DispatchStepInput input, int? ifMatch, CancellationToken ct)
    {
        var outcome = IncidentRules.ParseOutcome(input.Outcome);
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        var errors = new FieldErrors();
        if (outcome is null || !DispatchRules.ResponderOutcomes.Contains(outcome.Value)) errors.Add("outcome", "请选择处置结果。");
        else if (outcome == IncidentOutcome.Other && note is null) errors.Add("note", "处置结果为“其他”时请填写说明。");
        if (note is { Length: > 500 }) errors.Add("note", "说明最多 500 个字。");
        errors.ThrowIfAny();
        var (d, incident) = await steps.BeginAsync(id, DispatchAction.Report, input.Version, ifMatch, ct);
        d.Result = $"{IncidentRules.OutcomeName(outcome!.Value)}" + (note is null ? "" : "：" + note);
        if (incident.Status is IncidentStatus.Dispatched or IncidentStatus.OnScene)
        {
            incident.Status = IncidentStatus.Resolved;
            (incident.ResolvedAt, incident.ResolvedBy, incident.Outcome, incident.OutcomeNote) = (d.DoneAt, steps.Actor, outcome, note);
            incident.UpdatedAt = steps.Now;
            incident.Version++;
        }
        return await steps.CommitAsync(d, incident, DispatchAction.Report, $"{IncidentRules.ResponderName(d.ResponderKind)}反馈：{d.Result}", ct);
    }
}
