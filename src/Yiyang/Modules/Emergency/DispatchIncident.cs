namespace Yiyang.Modules.Emergency;

/// <summary>
/// 派单: sends a responder (the family-doctor team, the care home, a family contact, a community worker, or a hand-off to
/// 120); an incident may get more than one, the first makes it 已派单.
/// </summary>
public sealed class DispatchIncident(YiyangDb db, IncidentTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/incidents/{id:long}/dispatch", async Task<Ok<IncidentDto>> (long id, DispatchInput input, IfMatch ifMatch,
                DispatchIncident handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("派单（已受理/已派单 → 已派单）：responderKind 为 family-doctor-team、care-home、family-contact、community-worker、ambulance-120");

    public async Task<IncidentDto> HandleAsync(long id, DispatchInput input, int? ifMatch, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var kind = IncidentRules.ParseResponder(input.ResponderKind);
        if (kind is null) errors.Add("responderKind", "请选择派单对象（家庭医生团队、养老机构、家属、社区工作人员或 120）。");
        var name = string.IsNullOrWhiteSpace(input.ResponderName) ? null : input.ResponderName.Trim();
        if (name is { Length: > 100 }) errors.Add("responderName", "派单对象名称最多 100 个字。");
        errors.ThrowIfAny();
        var t = await transitions.BeginAsync(id, IncidentAction.Dispatch, input.Note, input.Version, ifMatch, ct);
        db.Add(new EmergencyDispatch
        {
            IncidentId = t.Incident.Id,
            ResponderKind = kind!.Value,
            ResponderName = name,
            Note = t.Note,
            DispatchedAt = t.Now,
            DispatchedBy = t.By,
            CountyCode = t.Incident.CountyCode,
        });
        var who = IncidentRules.ResponderName(kind.Value) + (name is null ? "" : $"（{name}）");
        return await transitions.CommitAsync(t, $"{IncidentRules.KindName(t.Incident.Kind)}事件已派单：{who}", ct);
    }
}
