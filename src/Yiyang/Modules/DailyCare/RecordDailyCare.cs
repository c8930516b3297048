using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.DailyCare;

/// <summary>
/// 登记照护记录: several due occurrences of one stay and date at once, all or nothing (one transaction). Each entry must be
/// due on that date and not yet recorded (the unique index settles races: the loser gets 409).
/// </summary>
public sealed class RecordDailyCare(YiyangDb db, AuditTrail audit, TimeProvider clock, DailyCareAccess access, DailyCarePlan plan, GetStayChecklist checklist)
{
    private const int MaxBatch = 50;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/stays/{stayId:long}/records", async Task<Created<StayChecklistDto>> (long stayId, RecordBatchInput input, RecordDailyCare handler,
                CancellationToken ct) =>
            {
                var list = await handler.HandleAsync(stayId, input, ct);
                return TypedResults.Created($"/api/daily-care/stays/{stayId}/checklist?date={list.Date:yyyy-MM-dd}", list);
            })
            .ProducesProblems(400, 404, 409)
            .WithSummary("登记照护记录（可一次多项，全部成功或全部不保存）：done 已完成 / not-done 未完成 + 原因 refused 拒绝 / out 外出 / hospitalised 住院 / physical 身体原因 / other 其他（须说明）；同一项目同日同次只能登记一次（否则 409）");

    private static ConflictException AlreadyRecorded() => new("already-recorded", "部分项目已有人登记，请刷新后查看；如需修改请使用“更正”。");

    public async Task<StayChecklistDto> HandleAsync(long stayId, RecordBatchInput input, CancellationToken ct)
    {
        var entries = input.Records ?? [];
        Validate(entries);
        var d = access.CheckDate(input.Date);
        var stay = await access.StayAsync(stayId, true, ct);
        if (d < stay.AdmittedOn) throw ValidationFailedException.For("date", "照护日期不能早于入住日期。");
        if (stay.DischargedOn is { } dischargedOn && d > dischargedOn) throw new ConflictException("stay-closed", "该老人已离院，不能登记离院后的照护记录。");
        if (await plan.LeaveOnAsync(stay, d, ct) is { } leave)
            throw new ConflictException("on-leave", $"该老人当天外出（{LeaveRules.KindName(leave.Kind)}），无需登记照护记录。");
        var items = (await plan.ItemsAsync(stay.OrganizationId, [stay.ElderId], ct))[stay.ElderId].ToDictionary(i => i.PlanItemId);
        CheckDue(entries, items, d);
        var keys = entries.Select(e => e.PlanItemId!.Value).ToList();
        var existing = await db.Set<DailyCareRecord>().AsNoTracking()
            .Where(r => r.StayId == stay.Id && r.CareOn == d && keys.Contains(r.PlanItemId)).Select(r => new { r.PlanItemId, r.Occurrence }).ToListAsync(ct);
        if (entries.Any(e => existing.Any(x => x.PlanItemId == e.PlanItemId && x.Occurrence == (e.Occurrence ?? 1))))
            throw AlreadyRecorded();

        Add(stay, entries, items, d);
        // a concurrent request recorded the same occurrence first: nothing of this batch is kept
        await db.SaveOrConflictAsync(ct, onDuplicate: AlreadyRecorded);
        await audit.RecordAsync("daily-care.record.create", "stay", stay.Id.ToString(), stay.ElderId, $"{d:yyyy-MM-dd}; {entries.Count} items");
        return await checklist.BuildAsync(stay, d, ct);
    }

    private static void Validate(IReadOnlyList<RecordEntryInput> entries)
    {
        var errors = new FieldErrors();
        if (entries.Count == 0) errors.Add("records", "请至少登记一个照护项目。");
        else if (entries.Count > MaxBatch) errors.Add("records", $"一次最多登记 {MaxBatch} 个项目。");
        var seen = new HashSet<(long, int)>();
        for (var i = 0; i < Math.Min(entries.Count, MaxBatch); i++)
        {
            var e = entries[i];
            var p = $"records[{i}].";
            if (e.PlanItemId is null) errors.Add(p + "planItemId", "请选择照护项目。");
            if (e.Occurrence is < 1 or > 3) errors.Add(p + "occurrence", "次序应为 1–3。");
            else if (e.PlanItemId is { } id && !seen.Add((id, e.Occurrence ?? 1))) errors.Add(p + "planItemId", "同一项目在本次提交中重复。");
            DailyCareRules.ValidateOutcome(p, e.Status, e.Reason, e.Note, errors);
        }
        errors.ThrowIfAny();
    }

    /// <summary>Each entry is an item of the plan due that day, and no more occurrences than due.</summary>
    private static void CheckDue(IReadOnlyList<RecordEntryInput> entries, Dictionary<long, DueItem> items, DateOnly d)
    {
        var errors = new FieldErrors();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (!items.TryGetValue(e.PlanItemId!.Value, out var item) || DailyCarePlan.DueOn(item, d) == 0)
                errors.Add($"records[{i}].planItemId", "该项目当天不在照护计划的待办清单中。");
            else if ((e.Occurrence ?? 1) > DailyCarePlan.DueOn(item, d))
                errors.Add($"records[{i}].occurrence", "该项目当天没有这么多次。");
        }
        errors.ThrowIfAny();
    }

    private void Add(InstitutionStay stay, IReadOnlyList<RecordEntryInput> entries, Dictionary<long, DueItem> items, DateOnly d)
    {
        var now = clock.GetUtcNow();
        foreach (var e in entries)
        {
            var status = DailyCareRules.ParseStatus(e.Status)!.Value;
            var reason = status == CareStatus.NotDone ? DailyCareRules.ParseReason(e.Reason) : null;
            var note = string.IsNullOrWhiteSpace(e.Note) ? null : Masking.Scrub(e.Note.Trim());
            db.Add(new DailyCareRecord
            {
                StayId = stay.Id,
                ElderId = stay.ElderId,
                OrganizationId = stay.OrganizationId,
                PlanItemId = e.PlanItemId!.Value,
                CareOn = d,
                Occurrence = e.Occurrence ?? 1,
                Status = status,
                Reason = reason,
                Note = note,
                PerformedBy = access.Actor,
                PerformedAt = now,
                TownshipCode = stay.TownshipCode,
                CountyCode = stay.CountyCode,
                CreatedAt = now,
                UpdatedAt = now,
            });
            if (reason == NotDoneReason.Physical)
                db.TimelineEvents.Add(access.PhysicalEvent(stay.ElderId, now, items[e.PlanItemId.Value].ServiceName, d));
        }
    }
}
