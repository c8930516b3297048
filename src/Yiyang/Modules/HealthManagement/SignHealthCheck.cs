namespace Yiyang.Modules.HealthManagement;

/// <summary>签署年度健康管理记录: immutable from now on. Only a complete record can be signed.</summary>
public sealed class SignHealthCheck(
    YiyangDb db, HealthManagementAccess access, HealthCheckRecords records, GetHealthCheck get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/sign", async Task<Ok<HealthCheckDto>> (long id, IfMatch ifMatch, SignHealthCheck handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ifMatch.Version, ct)))
            .RequireAuthorization(HealthManagementPolicies.Write).ProducesProblems(404, 409, 412)
            .WithSummary("签署记录（仅完整的记录可签署），此后不可修改");

    public async Task<HealthCheckDto> HandleAsync(long id, int? ifMatch, CancellationToken ct)
    {
        var c = await records.LoadForWriteAsync(id, ct);
        YearlyRecordSigning.Sign(c, ifMatch, access.Actor, clock.GetUtcNow(), "记录尚不完整，补齐后才能签署。");
        db.TimelineEvents.Add(access.Event(c.ElderId, "healthmgmt.check.signed", $"签署 {c.Year} 年老年人健康管理记录"));
        await records.SaveAsync(c.Year, ct);
        await audit.RecordAsync("healthmgmt.check.sign", "health-check", HealthManagementAccess.Id(c.Id), c.ElderId);
        return await get.HandleAsync(c.Id, ct, audited: false);
    }
}
