using System.Globalization;

namespace Yiyang.Modules.Supervision;

/// <summary>申请材料下载: whoever reads the application; the download is audited.</summary>
public sealed class DownloadLicenceDocument(YiyangDb db, LicensingAccess access, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}/documents/{documentId:long}", async Task<FileContentHttpResult> (long id, long documentId, DownloadLicenceDocument handler,
                CancellationToken ct) =>
            {
                var (name, type, content) = await handler.HandleAsync(id, documentId, ct);
                return TypedResults.File(content, type, name);
            })
            .ProducesProblems(403, 404)
            .WithSummary("下载申请材料（留痕）");

    public async Task<(string FileName, string ContentType, byte[] Content)> HandleAsync(long id, long documentId, CancellationToken ct)
    {
        await access.LoadForReadAsync(id, ct);
        var d = await db.Set<LicenceDocument>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == documentId && x.ApplicationId == id, ct)
                ?? throw new NotFoundException("未找到该材料。");
        await audit.RecordAsync("supervision.licensing.document.read", "licence-application", id.ToString(CultureInfo.InvariantCulture), detail: $"document {d.Id}");
        return (d.FileName, d.ContentType, d.Content);
    }
}
