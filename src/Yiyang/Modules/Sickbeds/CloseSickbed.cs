namespace Yiyang.Modules.Sickbeds;

/// <summary>撤床 with a reason from the discharge list and a summary (撤床小结); orders still running are stopped.</summary>
public sealed class CloseSickbed(YiyangDb db, AuditTrail audit, TimeProvider clock, SickbedAccess access, GetSickbed get)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/close", async Task<Ok<SickbedDto>> (long id, CloseInput input, IfMatch ifMatch, CloseSickbed handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(SickbedPolicies.Write)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("撤床（医生）：原因 cured 治愈 / improved 好转 / transferred 转院 / died 死亡 / withdrawn 自动撤床 / other 其他，撤床小结；未停止的医嘱随之停止");

    public async Task<SickbedDto> HandleAsync(long id, CloseInput input, int? ifMatch, CancellationToken ct)
    {
        var s = await access.LoadForDecisionAsync(id, SickbedAction.Close, ifMatch, input.Version, ct);
        var errors = new FieldErrors();
        var reason = SickbedRules.ParseCloseReason(input.Reason);
        if (reason is null)
            errors.Add("reason", "撤床原因只能是：" + string.Join("、", SickbedRules.CloseReasons.Select(r => $"{r.Name}（{r.Code}）")) + "。");
        var summary = SickbedAccess.Text(input.Summary);
        if (summary is null || summary.Length > 2000) errors.Add("summary", "请填写撤床小结（最多 2000 个字）。");
        var on = input.ClosedOn ?? clock.ChinaToday();
        access.CheckDate(errors, "closedOn", on, s.OpenedOn ?? s.AssessedOn ?? s.AppliedOn, s.OpenedOn is null ? "评估日期" : "建床日期");
        errors.ThrowIfAny();
        var now = clock.GetUtcNow();
        s.Status = SickbedStatus.Closed;
        s.ClosedOn = on;
        s.CloseReason = reason;
        s.CloseSummary = summary;
        access.Touch(s);
        var running = await db.Set<SickbedOrder>().Where(o => o.SickbedId == s.Id && o.StoppedAt == null).ToListAsync(ct);
        foreach (var o in running)
        {
            o.StoppedAt = now < o.StartsAt ? o.StartsAt : now;
            o.StoppedByUser = access.Actor;
        }
        db.TimelineEvents.Add(access.Event(s.ElderId, "sickbeds.closed", $"家庭病床撤床（{SickbedRules.CloseReasonName(reason!.Value)}）：{on:yyyy-MM-dd}"));
        await access.SaveAsync(ct);
        await audit.RecordAsync("sickbeds.close", "sickbed", s.Id.ToString(), s.ElderId, SickbedRules.CloseReasonCode(reason.Value));
        return await get.HandleAsync(s.Id, ct, audited: false);
    }
}
