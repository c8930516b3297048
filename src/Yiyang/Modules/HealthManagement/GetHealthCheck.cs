using Yiyang.Modules.Elders;

namespace Yiyang.Modules.HealthManagement;

/// <summary>查看年度健康管理记录: one yearly record of an elder in scope (audited).</summary>
public sealed class GetHealthCheck(YiyangDb db, CurrentUser user, HealthCheckRecords records, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<HealthCheckDto>> (long id, GetHealthCheck handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<HealthCheckDto> HandleAsync(long id, CancellationToken ct, bool audited = true)
    {
        var c = await db.ScopedByElder<HealthCheck>(user).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw HealthCheckRecords.NotFound();
        var name = await db.Elders.AsNoTracking().Where(e => e.Id == c.ElderId).Select(e => e.Name).FirstAsync(ct);
        if (audited) await audit.RecordAsync("healthmgmt.check.view", "health-check", HealthManagementAccess.Id(c.Id), c.ElderId, wait: false);
        return records.ToDto(c, name);
    }
}
