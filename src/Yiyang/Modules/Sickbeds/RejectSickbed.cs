namespace Yiyang.Modules.Sickbeds;

/// <summary>评估未通过, with the reason (e.g. an acute condition needing in-patient care).</summary>
public sealed class RejectSickbed(YiyangDb db, AuditTrail audit, TimeProvider clock, SickbedAccess access, GetSickbed get)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/reject", async Task<Ok<SickbedDto>> (long id, RejectInput input, IfMatch ifMatch, RejectSickbed handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(Policies.SickbedsWrite)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("评估未通过（医生）：须填原因");

    public async Task<SickbedDto> HandleAsync(long id, RejectInput input, int? ifMatch, CancellationToken ct)
    {
        var s = await access.LoadForDecisionAsync(id, SickbedAction.Reject, ifMatch, input.Version, ct);
        var errors = new FieldErrors();
        var on = input.AssessedOn ?? clock.ChinaToday();
        access.CheckDate(errors, "assessedOn", on, s.AppliedOn, "申请日期");
        var reason = SickbedAccess.Text(input.Reason);
        if (reason is null || reason.Length > 500) errors.Add("reason", "请填写评估未通过的原因（最多 500 个字）。");
        errors.ThrowIfAny();
        s.Status = SickbedStatus.Rejected;
        s.AssessedOn = on;
        s.RejectionReason = reason;
        s.AssessedByUser = access.Actor;
        access.Touch(s);
        db.TimelineEvents.Add(access.Event(s.ElderId, "sickbeds.rejected", $"家庭病床评估未通过：{on:yyyy-MM-dd}"));
        await access.SaveAsync(ct);
        await audit.RecordAsync("sickbeds.reject", "sickbed", s.Id.ToString(), s.ElderId);
        return await get.HandleAsync(s.Id, ct, audited: false);
    }
}
