namespace Yiyang.Modules.Emergency;

/// <summary>处置: the outcome is recorded (误报、电话指导、家属已处理、家庭医生上门、养老机构人员处理、120 送医…).</summary>
public sealed class ResolveIncident(IncidentTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/incidents/{id:long}/resolve", async Task<Ok<IncidentDto>> (long id, ResolveInput input, IfMatch ifMatch,
                ResolveIncident handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("登记处置结果（已受理/已派单/已到场 → 已处置）：outcome 为 false-alarm、advice-by-phone、family-handled、family-doctor-visit、care-home-staff、hospital-via-120、device-serviced、other（other 须填 note）");

    public async Task<IncidentDto> HandleAsync(long id, ResolveInput input, int? ifMatch, CancellationToken ct)
    {
        var outcome = IncidentRules.ParseOutcome(input.Outcome)
                      ?? throw ValidationFailedException.For("outcome", "请选择处置结果。");
        if (outcome == IncidentOutcome.Other && string.IsNullOrWhiteSpace(input.Note))
            throw ValidationFailedException.For("note", "处置结果为“其他”时请填写说明。");
        var t = await transitions.BeginAsync(id, IncidentAction.Resolve, input.Note, input.Version, ifMatch, ct);
        t.Incident.Outcome = outcome;
        t.Incident.OutcomeNote = t.Note;
        return await transitions.CommitAsync(t, $"{IncidentRules.KindName(t.Incident.Kind)}事件已处置：{IncidentRules.OutcomeName(outcome)}", ct);
    }
}
