namespace Yiyang.Modules.HealthManagement;

/// <summary>更正中医药健康管理记录: replaces an unsigned TCM record (version or If-Match); the year may not change to one already recorded.</summary>
public sealed class EditTcmRecord(
    YiyangDb db, HealthManagementAccess access, TcmRecords records, GetTcmRecord get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/{id:long}", async Task<Ok<TcmDto>> (long id, TcmInput input, IfMatch ifMatch, EditTcmRecord handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(Policies.HealthManagementWrite)
            .ProducesProblems(400, 404, 409, 412)
            .WithSummary("更正未签署的记录（需 version 或 If-Match）");

    public async Task<TcmDto> HandleAsync(long id, TcmInput input, int? ifMatch, CancellationToken ct)
    {
        var c = await records.LoadForWriteAsync(id, ct);
        if (c.Status == RecordStatus.Signed) throw new ConflictException("signed", "该记录已签署，不能修改。");
        Etags.CheckVersion(c.Version, ifMatch, input.Version);
        if (input.ElderId is { } e && e != c.ElderId) throw ValidationFailedException.For("elderId", "不能更换记录所属的老年人。");
        var elder = await db.Elders.AsNoTracking().FirstAsync(x => x.Id == c.ElderId, ct);
        var v = records.Validate(input, elder);
        if (v.On.Year != c.Year && await db.Set<TcmRecord>().AnyAsync(x => x.ElderId == c.ElderId && x.Year == v.On.Year, ct))
            throw TcmRecords.Duplicate(v.On.Year);
        TcmRecords.Apply(c, v);
        c.UpdatedAt = clock.GetUtcNow();
        c.Version++;
        db.TimelineEvents.Add(access.Event(c.ElderId, "healthmgmt.tcm.updated", "修改" + TcmRecords.Describe(c)));
        await records.SaveAsync(c.Year, ct);
        await audit.RecordAsync("healthmgmt.tcm.update", "tcm-record", HealthManagementAccess.Id(c.Id), c.ElderId);
        return await get.HandleAsync(c.Id, ct, audited: false);
    }
}
