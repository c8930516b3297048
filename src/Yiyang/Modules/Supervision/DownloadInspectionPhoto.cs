using System.Globalization;

namespace Yiyang.Modules.Supervision;

/// <summary>现场照片下载: whoever reads the inspection; the download is audited.</summary>
public sealed class DownloadInspectionPhoto(YiyangDb db, InspectionAccess access, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}/photos/{photoId:long}", async Task<FileContentHttpResult> (long id, long photoId, DownloadInspectionPhoto handler,
                CancellationToken ct) =>
            {
                var (name, type, content) = await handler.HandleAsync(id, photoId, ct);
                return TypedResults.File(content, type, name);
            })
            .RequireAuthorization(SupervisionPolicies.ReadInspections)
            .ProducesProblems(403, 404)
            .WithSummary("下载现场照片（留痕）");

    public async Task<(string FileName, string ContentType, byte[] Content)> HandleAsync(long id, long photoId, CancellationToken ct)
    {
        await access.LoadForReadAsync(id, ct);
        var f = await db.Set<SupervisionFile>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == photoId && x.InspectionId == id && x.Kind == "photo", ct)
                ?? throw new NotFoundException("未找到该照片。");
        await audit.RecordAsync("supervision.inspection.photo.read", "inspection", id.ToString(CultureInfo.InvariantCulture), detail: $"file {f.Id}");
        return (f.FileName, f.ContentType, f.Content);
    }
}
