using System.Globalization;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// 结束来电: the outcome. 转为应急事件 joins the elder's open incident (the call counts as one more signal and may
/// raise its priority) or opens one with the triage's kind and priority; the other outcomes (电话指导, 咨询, 误拨,
/// 其他 with a note) end the call only.
/// </summary>
public sealed class CompleteCall(YiyangDb db, CallSteps steps, IncidentOpener opener, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/calls/{id:long}/complete", async Task<Ok<CallDto>> (long id, CompleteCallInput input, IfMatch ifMatch, CompleteCall handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412, 422)
            .WithSummary("结束来电并登记结果：outcome 为 incident（转为应急事件：并入该老人的未结事件或新开事件，须已确认老人并分诊）、advice-by-phone、information、wrong-number、other（须填 note）");

    public async Task<CallDto> HandleAsync(long id, CompleteCallInput input, int? ifMatch, CancellationToken ct)
    {
        var outcome = CallRules.ParseOutcome(input.Outcome);
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        var errors = new FieldErrors();
        if (outcome is null) errors.Add("outcome", "请选择来电结果。");
        else if (outcome == CallOutcome.Other && note is null) errors.Add("note", "来电结果为“其他”时请填写说明。");
        if (note is { Length: > 500 }) errors.Add("note", "说明最多 500 个字。");
        errors.ThrowIfAny();
        var c = await steps.BeginAsync(id, input.Version, ifMatch, ct, CallStatus.Open);
        var now = steps.Now;
        if (outcome == CallOutcome.Incident)
        {
            if (c.ElderId is null) throw new BusinessRuleException("call-unmatched", "请先确认来电人对应的老年人，再转为应急事件。");
            if (c.Reason is null || c.Priority is null) throw new BusinessRuleException("call-untriaged", "请先登记来电原因并完成分诊，再转为应急事件。");
            var incident = await JoinOrOpenAsync(c, now, ct);
            (c.IncidentId, c.JoinedIncident) = (incident.Id, incident.OpenedAt < now);
            await audit.RecordAsync("emergency.incident.call", "emergency-incident", incident.Id.ToString(CultureInfo.InvariantCulture), incident.ElderId,
                $"call={c.Id}; joined={(c.JoinedIncident ? "yes" : "no")}");
        }
        c.Outcome = outcome;
        c.OutcomeNote = note;
        c.Status = CallStatus.Ended;
        (c.EndedAt, c.EndedBy) = (now, steps.Actor);
        return await steps.CommitAsync(c, "complete", $"outcome={CallRules.OutcomeCode(outcome!.Value)}" + (c.IncidentId is { } i ? $"; incident={i}" : ""), ct);
    }

    private async Task<EmergencyIncident> JoinOrOpenAsync(EmergencyCall c, DateTimeOffset now, CancellationToken ct)
    {
        var reason = c.Reason!.Value;
        var answers = CallRules.ReadAnswers(c.TriageAnswers);
        var summary = $"来电（{TriageScripts.ReasonName(reason)}，{c.CallerRelation ?? "来电人"}）" + RedFlags(reason, answers);
        var open = await db.Set<EmergencyIncident>().Where(i => i.ElderId == c.ElderId && i.Status < IncidentStatus.Resolved)
            .OrderBy(i => i.Priority).ThenByDescending(i => i.LastSignalAt).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            open.SignalCount++;
            open.LastSignalAt = now;
            if (c.Priority < open.Priority) open.Priority = c.Priority!.Value;
            open.UpdatedAt = now;
            open.Version++;
            db.TimelineEvents.Add(TimelineEvent.Create(open.ElderId, now, "emergency.incident.call", EmergencyAccess.Module, summary + "，并入未结事件", steps.Actor));
            await db.SaveChangesAsync(ct);
            return open;
        }
        var elder = await db.Elders.AsNoTracking().FirstAsync(e => e.Id == c.ElderId, ct);
        return await opener.OpenAsync(new Signal(elder.Id, null, TriageScripts.IncidentKindOf(reason, answers), summary, elder.TownshipCode, elder.CountyCode,
            steps.Actor), now, ct, c.Priority);
    }

    /// <summary>The red-flag answers in words, for the incident's summary.</summary>
    private static string RedFlags(CallReason reason, Dictionary<string, string> answers)
    {
        var flags = TriageScripts.Script(reason).Where(q => answers.GetValueOrDefault(q.Code) == q.RedFlag).Select(q => q.Finding).ToList();
        return flags.Count == 0 ? "" : "：" + string.Join("；", flags);
    }
}
