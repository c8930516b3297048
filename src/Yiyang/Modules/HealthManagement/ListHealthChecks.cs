using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.HealthManagement;

/// <summary>一位老年人的年度健康管理记录: an elder's yearly records, newest first.</summary>
public sealed class ListHealthChecks(YiyangDb db, HealthManagementAccess access, HealthCheckRecords records, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<IReadOnlyList<HealthCheckDto>>> ([FromQuery] long? elderId, ListHealthChecks handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(elderId, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("一位老年人的年度健康管理记录，最新年份在前");

    public async Task<IReadOnlyList<HealthCheckDto>> HandleAsync(long? elderId, CancellationToken ct)
    {
        var elder = await access.ScopedElderAsync(elderId, ct);
        var rows = await db.Set<HealthCheck>().AsNoTracking().Where(c => c.ElderId == elder.Id).OrderByDescending(c => c.Year).ToListAsync(ct);
        await audit.RecordAsync("healthmgmt.check.list", "elder", HealthManagementAccess.Id(elder.Id), elder.Id, wait: false);
        return [.. rows.Select(c => records.ToDto(c, elder.Name))];
    }
}
