using System.Globalization;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// 现场照片 (a drawn inspector, on a draft): a JPEG or PNG (≤ 1 MB, recognised by its content), optionally of one item.
/// Kept in the database with the inspection; read only by those who read the inspection.
/// </summary>
public sealed class AddInspectionPhoto(YiyangDb db, InspectionAccess access, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/photos", async Task<Created<SupervisionFileDto>> (long id, FileInput input, AddInspectionPhoto handler, CancellationToken ct) =>
            {
                var f = await handler.HandleAsync(id, input, ct);
                return TypedResults.Created($"/api/inspections/{id}/photos/{f.Id}", f);
            })
            .RequireAuthorization(SupervisionPolicies.Inspect)
            .AllowsBodyUpTo(SupervisionFile.MaxBytes * 4 / 3 + 64 * 1024) // base64 and the JSON around it
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("上传现场照片：fileName、contentType（image/jpeg、image/png）、contentBase64（≤ 1 MB）、itemPosition（可选，所属检查项）");

    public async Task<SupervisionFileDto> HandleAsync(long id, FileInput input, CancellationToken ct)
    {
        var i = await access.LoadDraftAsync(id, null, ct);
        var (name, type, content) = SupervisionUploads.Validate(input, SupervisionUploads.PhotoTypes, "照片");
        if (input.ItemPosition is { } p && !await db.Set<InspectionItem>().AnyAsync(x => x.InspectionId == id && x.Position == p, ct))
            throw ValidationFailedException.For("itemPosition", "检查项序号不存在。");
        var f = new SupervisionFile
        {
            InspectionId = id,
            ItemPosition = input.ItemPosition,
            Kind = "photo",
            FileName = name,
            ContentType = type,
            SizeBytes = content.Length,
            Content = content,
            RegionCode = i.RegionCode,
            CreatedByUser = access.Actor,
            CreatedAt = access.Now,
        };
        db.Add(f);
        i.UpdatedAt = f.CreatedAt;
        i.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("supervision.inspection.photo", "inspection", id.ToString(CultureInfo.InvariantCulture), detail: $"file {f.Id}, {content.Length} bytes");
        return new SupervisionFileDto(f.Id, f.ItemPosition, f.FileName, f.ContentType, f.SizeBytes, f.CreatedByUser, f.CreatedAt);
    }
}
