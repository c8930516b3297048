namespace Yiyang.Modules.Sickbeds;

/// <summary>护理记录 by a nurse or doctor.</summary>
public sealed class AddSickbedNursingRecord(YiyangDb db, AuditTrail audit, TimeProvider clock, SickbedAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/nursing-records", async Task<Created<NursingRecordDto>> (long id, NursingRecordInput input, AddSickbedNursingRecord handler,
                CancellationToken ct) =>
            {
                var n = await handler.HandleAsync(id, input, ct);
                return TypedResults.Created($"/api/sickbeds/{id}", n);
            })
            .RequireAuthorization(SickbedPolicies.Write)
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("护理记录（医生或护士）");

    public async Task<NursingRecordDto> HandleAsync(long id, NursingRecordInput input, CancellationToken ct)
    {
        access.DemandWriter();
        var s = await access.LoadForWriteAsync(id, ct);
        SickbedAccess.Allow(s, SickbedAction.NursingRecord);
        var errors = new FieldErrors();
        var text = SickbedAccess.Text(input.Text);
        if (text is null || text.Length > 1000) errors.Add("text", "请填写护理记录（最多 1000 个字）。");
        var now = clock.GetUtcNow();
        var at = (input.RecordedAt ?? now).ToUniversalTime();
        if (at > now.AddMinutes(5) || at.ChinaDate() < s.OpenedOn) errors.Add("recordedAt", "记录时间不能晚于当前时间，也不能早于建床日期。");
        errors.ThrowIfAny();
        var record = new SickbedNursingRecord { SickbedId = s.Id, RecordedAt = at, Text = text!, RecordedByUser = access.Actor, CountyCode = s.CountyCode };
        db.Add(record);
        db.TimelineEvents.Add(access.Event(s.ElderId, "sickbeds.nursing.recorded", $"家庭病床护理记录：{at.ChinaText()}"));
        await access.SaveAsync(ct);
        await audit.RecordAsync("sickbeds.nursing.add", "sickbed", s.Id.ToString(), s.ElderId, $"record={record.Id}");
        return SickbedMapping.ToDto(record);
    }
}
