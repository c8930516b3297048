namespace Yiyang.Modules.HealthManagement;

/// <summary>签署中医药健康管理记录: immutable from now on; the guidance must be complete.</summary>
public sealed class SignTcmRecord(
    YiyangDb db, HealthManagementAccess access, TcmRecords records, GetTcmRecord get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/sign", async Task<Ok<TcmDto>> (long id, IfMatch ifMatch, SignTcmRecord handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ifMatch.Version, ct)))
            .RequireAuthorization(HealthManagementPolicies.Write).ProducesProblems(404, 409, 412)
            .WithSummary("签署记录（保健指导完整后可签署），此后不可修改");

    public async Task<TcmDto> HandleAsync(long id, int? ifMatch, CancellationToken ct)
    {
        var c = await records.LoadForWriteAsync(id, ct);
        YearlyRecordSigning.Sign(c, ifMatch, access.Actor, clock.GetUtcNow(), "保健指导尚未完成，补齐后才能签署。");
        db.TimelineEvents.Add(access.Event(c.ElderId, "healthmgmt.tcm.signed", $"签署 {c.Year} 年中医药健康管理记录"));
        await records.SaveAsync(c.Year, ct);
        await audit.RecordAsync("healthmgmt.tcm.sign", "tcm-record", HealthManagementAccess.Id(c.Id), c.ElderId);
        return await get.HandleAsync(c.Id, ct, audited: false);
    }
}
