using System.Globalization;

namespace Yiyang.Modules.Supervision;

public sealed record LicenceDocumentInput(string? DocumentType, string? FileName, string? ContentType, string? ContentBase64);

/// <summary>申请材料: the applicant uploads a required document (JPEG, PNG or PDF ≤ 1 MB, recognised by its content) before acceptance or when asked.</summary>
public sealed class AddLicenceDocument(YiyangDb db, LicensingAccess access, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/documents", async Task<Created<LicenceDocumentDto>> (long id, LicenceDocumentInput input, AddLicenceDocument handler,
                CancellationToken ct) =>
            {
                var d = await handler.HandleAsync(id, input, ct);
                return TypedResults.Created($"/api/licensing/applications/{id}/documents/{d.Id}", d);
            })
            .RequireAuthorization(SupervisionPolicies.LicensingApply)
            .AllowsBodyUpTo(LicenceDocument.MaxBytes * 4 / 3 + 64 * 1024)
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("上传申请材料：documentType（该类申请的必需材料代码）、fileName、contentType（JPEG/PNG/PDF）、contentBase64（≤ 1 MB）");

    public async Task<LicenceDocumentDto> HandleAsync(long id, LicenceDocumentInput input, CancellationToken ct)
    {
        var a = await access.LoadForChangeAsync(id, null, ct);
        if (!access.IsApplicant(a)) throw new ForbiddenException("只有申请机构（或代为登记纸质申请的部门）才能上传申请材料。");
        var kind = LicensingKinds.Find(a.Kind)!;
        var type = kind.Documents.FirstOrDefault(d => d.Code == input.DocumentType?.Trim());
        if (type is null)
            throw ValidationFailedException.For("documentType", $"材料类别只能是：{string.Join("、", kind.Documents.Select(d => $"{d.Code}（{d.Name}）"))}。");
        var (name, contentType, content) = SupervisionUploads.Validate(new FileInput(input.FileName, input.ContentType, input.ContentBase64),
            SupervisionUploads.EvidenceTypes, "申请材料");
        if (!LicensingRules.MayUpload(a.Status))
            throw new ConflictException("illegal-transition", $"该申请{LicensingRules.StatusName(a.Status)}，不能再上传材料。");
        var doc = new LicenceDocument
        {
            ApplicationId = a.Id,
            DocumentType = type.Code,
            FileName = name,
            ContentType = contentType,
            SizeBytes = content.Length,
            Content = content,
            RegionCode = a.RegionCode,
            CreatedByUser = access.Actor,
            CreatedAt = access.Now,
        };
        db.Add(doc);
        a.UpdatedAt = doc.CreatedAt;
        a.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("supervision.licensing.document", "licence-application", id.ToString(CultureInfo.InvariantCulture),
            detail: $"document {doc.Id} ({type.Code}), {content.Length} bytes");
        return new LicenceDocumentDto(doc.Id, doc.DocumentType, type.Name, doc.FileName, doc.ContentType, doc.SizeBytes, doc.CreatedByUser, doc.CreatedAt);
    }
}
