namespace Yiyang.Modules.Claims;

/// <summary>导出结算单 as .xlsx (<see cref="ClaimWorkbook"/>); the export is audited.</summary>
public sealed class ExportClaim(AuditTrail audit, GetClaim get)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}/export", async Task<FileContentHttpResult> (long id, ExportClaim handler, CancellationToken ct) =>
                TypedResults.File(await handler.HandleAsync(id, ct), ClaimWorkbook.ContentType, $"claim-{id}.xlsx"))
            .ProducesProblems(404)
            .WithSummary("导出结算单（.xlsx；导出记入审计）");

    public async Task<byte[]> HandleAsync(long id, CancellationToken ct)
    {
        var claim = await get.HandleAsync(id, ct, audited: false);
        await audit.RecordAsync("claims.claim.export", "claim", claim.Id.ToString(), null);
        return ClaimWorkbook.Build(claim);
    }
}
