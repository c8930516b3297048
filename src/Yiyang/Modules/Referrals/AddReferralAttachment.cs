namespace Yiyang.Modules.Referrals;

public sealed record AttachmentInput(string? FileName, string? ContentType, string? ContentBase64);

/// <summary>
/// 添加附件: either side attaches a PDF, JPEG or PNG (≤ 2 MB, recognised by its content: <see cref="FileSignatures"/>) to a
/// referral that is not rejected or withdrawn.
/// </summary>
public sealed class AddReferralAttachment(YiyangDb db, TimeProvider clock, AuditTrail audit, ReferralAccess access)
{
    private static readonly Dictionary<string, string> AllowedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/pdf"] = "PDF",
        ["image/jpeg"] = "JPEG",
        ["image/png"] = "PNG",
    };

    private static string TooLarge => $"附件不能超过 {ReferralAttachment.MaxBytes / 1024 / 1024} MB。";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/attachments", async Task<Created<AttachmentDto>> (long id, AttachmentInput input, AddReferralAttachment handler,
                CancellationToken ct) =>
            {
                var a = await handler.HandleAsync(id, input, ct);
                return TypedResults.Created($"/api/referrals/{id}/attachments/{a.Id}", a);
            })
            .ProducesProblems(400, 404, 409)
            .WithSummary("添加附件：fileName、contentType（application/pdf、image/jpeg、image/png）、contentBase64（≤ 2 MB）");

    public async Task<AttachmentDto> HandleAsync(long id, AttachmentInput input, CancellationToken ct)
    {
        var r = await access.LoadForUpdateAsync(id, ct);
        var errors = new FieldErrors();
        var name = ReferralFields.Clean(input.FileName);
        if (name is null || name.Length > 120 || name.IndexOfAny(['/', '\\']) >= 0) errors.Add("fileName", "请填写文件名（最多 120 个字，不含路径）。");
        var type = ReferralFields.Clean(input.ContentType)?.ToLowerInvariant();
        if (type is null || !AllowedTypes.ContainsKey(type)) errors.Add("contentType", "附件只能是 PDF、JPEG 或 PNG 文件。");
        byte[] content = [];
        try
        {
            content = Convert.FromBase64String(input.ContentBase64 ?? "");
        }
        catch (FormatException)
        {
            errors.Add("contentBase64", "附件内容不是有效的 Base64 编码。");
        }
        if (!errors.Has("contentBase64") && content.Length == 0) errors.Add("contentBase64", "附件内容为空。");
        if (content.Length > ReferralAttachment.MaxBytes) errors.Add("contentBase64", TooLarge);
        // checked by the content, not by the declared type: a renamed script or executable is refused
        else if (content.Length > 0 && type is not null && AllowedTypes.TryGetValue(type, out var kind) && !FileSignatures.Matches(type, content))
            errors.Add("contentBase64", $"附件内容不是 {kind} 文件，请上传真实的 PDF、JPEG 或 PNG 文件。");
        errors.ThrowIfAny();
        return await StoreAsync(r, name!, type!, content, ct);
    }

    /// <summary>The page's upload: the same checks on a posted file, the messages on the field "file".</summary>
    public async Task<AttachmentDto> HandleAsync(long id, string? fileName, string? contentType, Stream content, long length, CancellationToken ct)
    {
        if (length > ReferralAttachment.MaxBytes) throw ValidationFailedException.For("file", TooLarge);
        using var ms = new MemoryStream();
        await content.CopyToAsync(ms, ct);
        try
        {
            return await HandleAsync(id, new AttachmentInput(Path.GetFileName(fileName ?? ""), contentType, Convert.ToBase64String(ms.ToArray())), ct);
        }
        catch (ValidationFailedException v)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = v.Errors.SelectMany(e => e.Value).ToArray() });
        }
    }

    private async Task<AttachmentDto> StoreAsync(Referral r, string name, string type, byte[] content, CancellationToken ct)
    {
        if (r.Status is ReferralStatus.Rejected or ReferralStatus.Withdrawn)
            throw new ConflictException("illegal-transition", $"该转诊当前状态为“{ReferralRules.StatusName(r.Status)}”，不能再添加附件。");
        var a = new ReferralAttachment
        {
            ReferralId = r.Id,
            FileName = name,
            ContentType = type,
            SizeBytes = content.Length,
            Content = content,
            CountyCode = r.CountyCode,
            CreatedByUser = access.Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(a);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("referrals.attachment.add", "referral", r.Id.ToString(), r.ElderId, $"attachment {a.Id}, {content.Length} bytes");
        return new AttachmentDto(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.CreatedAt, a.CreatedByUser);
    }
}
