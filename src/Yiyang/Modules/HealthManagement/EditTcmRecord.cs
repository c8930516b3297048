namespace Yiyang.Modules.HealthManagement;

/// <summary>更正中医药健康管理记录: replaces an unsigned TCM record (version or If-Match); the year may not change to one already recorded.</summary>
public sealed class EditTcmRecord(
    YiyangDb db, HealthManagementAccess access, TcmRecords records, GetTcmRecord get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/{id:long}", async Task<Ok<TcmDto>> (long id, TcmInput input, IfMatch ifMatch, EditTcmRecord handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(HealthManagementPolicies.Write)
            .ProducesProblems(400, 404, 409, 412)
            .WithSummary("更正未签署的记录（需 version 或 If-Match）");

    public async Task<TcmDto> HandleAsync(long id, TcmInput input, int? ifMatch, CancellationToken ct)
    {
        var c = await records.LoadForWriteAsync(id, ct);
        YearlyRecordEditing.CheckEditable(c, ifMatch, input.Version, input.ElderId);
        var elder = await db.Elders.AsNoTracking().FirstAsync(x => x.Id == c.ElderId, ct);
        var v = records.Validate(input, elder);
        if (v.On.Year != c.Year && await db.YearTakenAsync<TcmRecord>(c.ElderId, v.On.Year, ct))
            throw TcmRecords.Duplicate(v.On.Year);
        TcmRecords.Apply(c, v);
        YearlyRecordEditing.Touch(c, clock.GetUtcNow());
        db.TimelineEvents.Add(access.Event(c.ElderId, "healthmgmt.tcm.updated", "修改" + TcmRecords.Describe(c)));
        await records.SaveAsync(c.Year, ct);
        await audit.RecordAsync("healthmgmt.tcm.update", "tcm-record", HealthManagementAccess.Id(c.Id), c.ElderId);
        return await get.HandleAsync(c.Id, ct, audited: false);
    }
}
