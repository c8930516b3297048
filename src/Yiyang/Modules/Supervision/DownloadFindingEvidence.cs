using System.Globalization;

namespace Yiyang.Modules.Supervision;

/// <summary>整改佐证材料下载: whoever reads the finding; the download is audited.</summary>
public sealed class DownloadFindingEvidence(YiyangDb db, FindingAccess access, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}/evidence/{fileId:long}", async Task<FileContentHttpResult> (long id, long fileId, DownloadFindingEvidence handler,
                CancellationToken ct) =>
            {
                var (name, type, content) = await handler.HandleAsync(id, fileId, ct);
                return TypedResults.File(content, type, name);
            })
            .ProducesProblems(403, 404)
            .WithSummary("下载整改佐证材料（留痕）");

    public async Task<(string FileName, string ContentType, byte[] Content)> HandleAsync(long id, long fileId, CancellationToken ct)
    {
        await access.LoadForReadAsync(id, ct);
        var f = await db.Set<SupervisionFile>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == fileId && x.FindingId == id, ct)
                ?? throw new NotFoundException("未找到该材料。");
        await audit.RecordAsync("supervision.finding.evidence.read", "finding", id.ToString(CultureInfo.InvariantCulture), detail: $"file {f.Id}");
        return (f.FileName, f.ContentType, f.Content);
    }
}
