namespace Yiyang.Modules.Emergency;

/// <summary>
/// 派单: sends a responder. The family-doctor team of the contract in force and the care home of an open stay are picked
/// from the elder's records and get the task in their inbox (待接单); a family contact is picked from the elder's record
/// (<c>contactIndex</c>); a community worker, 120, or a team or home named in free text when the elder has none, are
/// phone hand-offs (已电话移交). An incident may get more than one; the first makes it 已派单.
/// </summary>
public sealed class DispatchIncident(YiyangDb db, IncidentTransitions transitions, ResponderDirectory responders)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/incidents/{id:long}/dispatch", async Task<Ok<IncidentDto>> (long id, DispatchInput input, IfMatch ifMatch,
                DispatchIncident handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412, 422)
            .WithSummary("派单（已受理/已派单 → 已派单）：responderKind 为 family-doctor-team、care-home（自动取签约团队/入住机构，进入其待办）、family-contact（contactIndex 选档案联系人）、community-worker、ambulance-120");

    public async Task<IncidentDto> HandleAsync(long id, DispatchInput input, int? ifMatch, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var kind = IncidentRules.ParseResponder(input.ResponderKind);
        if (kind is null) errors.Add("responderKind", "请选择派单对象（家庭医生团队、养老机构、家属、社区工作人员或 120）。");
        var name = string.IsNullOrWhiteSpace(input.ResponderName) ? null : input.ResponderName.Trim();
        if (name is { Length: > 100 }) errors.Add("responderName", "派单对象名称最多 100 个字。");
        if (input.ContactIndex is { } ci && (ci < 0 || kind != ResponderKind.FamilyContact)) errors.Add("contactIndex", "请从老人档案的联系人中选择。");
        errors.ThrowIfAny();
        var t = await transitions.BeginAsync(id, IncidentAction.Dispatch, input.Note, input.Version, ifMatch, ct);
        var code = IncidentRules.ResponderCode(kind!.Value);
        var options = (await responders.ForElderAsync(t.Incident.ElderId, ct)).Where(o => o.Kind == code).ToList();
        var picked = kind switch
        {
            ResponderKind.FamilyContact when input.ContactIndex is { } i =>
                options.FirstOrDefault(o => o.ContactIndex == i) ?? throw ValidationFailedException.For("contactIndex", "请从老人档案的联系人中选择。"),
            ResponderKind.FamilyDoctorTeam or ResponderKind.CareHome => options.FirstOrDefault(),
            _ => null,
        };
        if (picked is null && name is null && kind is ResponderKind.FamilyDoctorTeam or ResponderKind.CareHome)
            throw new BusinessRuleException("no-responder", kind == ResponderKind.CareHome
                ? "该老人没有在住的养老机构，请填写派给的机构或人员。"
                : "该老人没有生效的家庭医生签约，请填写派给的团队或人员。");
        var dispatch = new EmergencyDispatch
        {
            IncidentId = t.Incident.Id,
            ResponderKind = kind.Value,
            ResponderName = picked?.Name ?? name ?? (kind == ResponderKind.Ambulance120 ? "120 急救中心" : null),
            ResponderOrganizationId = picked?.OrganizationId,
            Status = picked?.OrganizationId is null ? DispatchStatus.HandedOff : DispatchStatus.Sent,
            Note = t.Note,
            DispatchedAt = t.Now,
            DispatchedBy = t.By,
            CountyCode = t.Incident.CountyCode,
        };
        db.Add(dispatch);
        var who = IncidentRules.ResponderName(kind.Value) + (dispatch.ResponderName is null ? "" : $"（{dispatch.ResponderName}）");
        return await transitions.CommitAsync(t, $"{IncidentRules.KindName(t.Incident.Kind)}事件已派单：{who}", ct);
    }
}
