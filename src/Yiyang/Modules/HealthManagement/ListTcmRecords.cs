using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.HealthManagement;

/// <summary>一位老年人的中医药健康管理记录: an elder's TCM records, newest first.</summary>
public sealed class ListTcmRecords(YiyangDb db, HealthManagementAccess access, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<IReadOnlyList<TcmDto>>> ([FromQuery] long? elderId, ListTcmRecords handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(elderId, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("一位老年人的中医药健康管理记录，最新年份在前");

    public async Task<IReadOnlyList<TcmDto>> HandleAsync(long? elderId, CancellationToken ct)
    {
        var elder = await access.ScopedElderAsync(elderId, ct);
        var rows = await db.Set<TcmRecord>().AsNoTracking().Where(c => c.ElderId == elder.Id).OrderByDescending(c => c.Year).ToListAsync(ct);
        await audit.RecordAsync("healthmgmt.tcm.list", "elder", HealthManagementAccess.Id(elder.Id), elder.Id, wait: false);
        return [.. rows.Select(c => TcmRecords.ToDto(c, elder.Name))];
    }
}
