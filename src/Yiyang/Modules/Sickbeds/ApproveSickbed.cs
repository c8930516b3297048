namespace Yiyang.Modules.Sickbeds;

/// <summary>评估通过: the physician's home assessment found the elder suitable (申请 → 待建床).</summary>
public sealed class ApproveSickbed(YiyangDb db, AuditTrail audit, TimeProvider clock, SickbedAccess access, GetSickbed get)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/approve", async Task<Ok<SickbedDto>> (long id, ApproveInput input, IfMatch ifMatch, ApproveSickbed handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(Policies.SickbedsWrite)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("评估通过（医生）：评估日期、评估意见；version 或 If-Match");

    public async Task<SickbedDto> HandleAsync(long id, ApproveInput input, int? ifMatch, CancellationToken ct)
    {
        var s = await access.LoadForDecisionAsync(id, SickbedAction.Approve, ifMatch, input.Version, ct);
        var errors = new FieldErrors();
        var on = input.AssessedOn ?? clock.ChinaToday();
        access.CheckDate(errors, "assessedOn", on, s.AppliedOn, "申请日期");
        var note = SickbedAccess.Text(input.Note);
        if (note is null || note.Length > 500) errors.Add("note", "请填写评估意见（最多 500 个字）。");
        errors.ThrowIfAny();
        s.Status = SickbedStatus.Approved;
        s.AssessedOn = on;
        s.AssessmentNote = note;
        s.AssessedByUser = access.Actor;
        access.Touch(s);
        db.TimelineEvents.Add(access.Event(s.ElderId, "sickbeds.approved", $"家庭病床评估通过：{on:yyyy-MM-dd}"));
        await access.SaveAsync(ct);
        await audit.RecordAsync("sickbeds.approve", "sickbed", s.Id.ToString(), s.ElderId);
        return await get.HandleAsync(s.Id, ct, audited: false);
    }
}
