using Yiyang.Modules.Elders;

namespace Yiyang.Modules.HealthManagement;

/// <summary>查看中医药健康管理记录: one TCM record of an elder in scope (audited).</summary>
public sealed class GetTcmRecord(YiyangDb db, CurrentUser user, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<TcmDto>> (long id, GetTcmRecord handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<TcmDto> HandleAsync(long id, CancellationToken ct, bool audited = true)
    {
        var c = await db.ScopedByElder<TcmRecord>(user).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw TcmRecords.NotFound();
        var name = await db.Elders.AsNoTracking().Where(e => e.Id == c.ElderId).Select(e => e.Name).FirstAsync(ct);
        if (audited) await audit.RecordAsync("healthmgmt.tcm.view", "tcm-record", HealthManagementAccess.Id(c.Id), c.ElderId, wait: false);
        return TcmRecords.ToDto(c, name);
    }
}
