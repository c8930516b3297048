using System.Globalization;

namespace Yiyang.Modules.Supervision;

/// <summary>整改佐证材料 (the organization's admin): a JPEG, PNG or PDF (≤ 1 MB, recognised by its content), before the re-check.</summary>
public sealed class AddFindingEvidence(YiyangDb db, FindingAccess access, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/evidence", async Task<Created<SupervisionFileDto>> (long id, FileInput input, AddFindingEvidence handler, CancellationToken ct) =>
            {
                var f = await handler.HandleAsync(id, input, ct);
                return TypedResults.Created($"/api/findings/{id}/evidence/{f.Id}", f);
            })
            .RequireAuthorization(SupervisionPolicies.AnswerFindings)
            .AllowsBodyUpTo(SupervisionFile.MaxBytes * 4 / 3 + 64 * 1024)
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("上传整改佐证材料：fileName、contentType（image/jpeg、image/png、application/pdf）、contentBase64（≤ 1 MB）");

    public async Task<SupervisionFileDto> HandleAsync(long id, FileInput input, CancellationToken ct)
    {
        var f = await access.LoadForAnswerAsync(id, null, ct);
        var (name, type, content) = SupervisionUploads.Validate(input with { ItemPosition = null }, SupervisionUploads.EvidenceTypes, "佐证材料");
        var file = new SupervisionFile
        {
            InspectionId = f.InspectionId,
            FindingId = f.Id,
            Kind = "evidence",
            FileName = name,
            ContentType = type,
            SizeBytes = content.Length,
            Content = content,
            RegionCode = f.RegionCode,
            CreatedByUser = access.Inspections.Actor,
            CreatedAt = access.Inspections.Now,
        };
        db.Add(file);
        f.UpdatedAt = file.CreatedAt;
        f.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("supervision.finding.evidence", "finding", id.ToString(CultureInfo.InvariantCulture), detail: $"file {file.Id}, {content.Length} bytes");
        return new SupervisionFileDto(file.Id, null, file.FileName, file.ContentType, file.SizeBytes, file.CreatedByUser, file.CreatedAt);
    }
}
