namespace Yiyang.Modules.HealthManagement;

/// <summary>录入中医药健康管理记录: one TCM record per elder and year; the 33 answers scored, the constitution identified, the guidance given.</summary>
public sealed class RecordTcmRecord(
    YiyangDb db, CurrentUser user, HealthManagementAccess access, TcmRecords records, GetTcmRecord get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/", async Task<Created<TcmDto>> (TcmInput input, RecordTcmRecord handler, CancellationToken ct) =>
            {
                var dto = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/tcm-management/{dto.Id}", dto);
            })
            .RequireAuthorization(HealthManagementPolicies.Write).ProducesProblems(400, 404, 409)
            .WithSummary("录入中医药健康管理记录（每人每年一份）：33 题按 tcm-constitution-65 计分、辨识体质，记录给予的保健指导（情志、饮食、起居、运动、穴位）");

    public async Task<TcmDto> HandleAsync(TcmInput input, CancellationToken ct)
    {
        access.RequireWriter();
        var elder = await access.ScopedElderAsync(input.ElderId, ct, forWrite: true);
        var v = records.Validate(input, elder);
        if (await db.YearTakenAsync<TcmRecord>(elder.Id, v.On.Year, ct))
            throw TcmRecords.Duplicate(v.On.Year);
        var now = clock.GetUtcNow();
        var c = new TcmRecord
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            AnswersJson = "{}",
            ResultJson = "{}",
            Identified = "",
            GuidanceJson = "[]",
            Status = RecordStatus.Draft,
            OrganizationId = user.OrganizationId,
            CreatedBy = access.Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        TcmRecords.Apply(c, v);
        db.Add(c);
        db.TimelineEvents.Add(access.Event(elder.Id, "healthmgmt.tcm.recorded", "录入" + TcmRecords.Describe(c)));
        await records.SaveAsync(c.Year, ct);
        await audit.RecordAsync("healthmgmt.tcm.create", "tcm-record", HealthManagementAccess.Id(c.Id), elder.Id);
        return await get.HandleAsync(c.Id, ct, audited: false);
    }
}
