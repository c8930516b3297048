namespace Yiyang.Modules.Agreements;

public sealed record AttachmentInput(string? FileName, string? Description, long? SizeBytes);

/// <summary>登记附件: a party's administrator records an attachment of an agreement (metadata only: name, description, size).</summary>
public sealed class AddAgreementAttachment(YiyangDb db, TimeProvider clock, AuditTrail audit, AgreementAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/attachments", async Task<Created<AttachmentDto>> (long id, AttachmentInput input, AddAgreementAttachment handler,
                CancellationToken ct) =>
            {
                var x = await handler.HandleAsync(id, input, ct);
                return TypedResults.Created($"/api/agreements/{id}", x);
            })
            .ProducesProblems(400, 403, 404)
            .WithSummary("登记附件（仅元数据：名称、说明、大小）");

    public async Task<AttachmentDto> HandleAsync(long id, AttachmentInput input, CancellationToken ct)
    {
        var a = await db.Set<Agreement>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null || !await access.Visible().AnyAsync(x => x.Id == id, ct)) throw AgreementAccess.Missing();
        if (!access.MayWrite(a)) throw new ForbiddenException("只有协议双方的机构管理员或市级业务管理员可以登记附件。");
        var errors = new FieldErrors();
        var name = (input.FileName ?? "").Trim();
        if (name.Length is 0 or > 200) errors.Add("fileName", "请填写附件名称（最多 200 字）。");
        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description is { Length: > 500 }) errors.Add("description", "说明最多 500 字。");
        if (input.SizeBytes is < 0) errors.Add("sizeBytes", "文件大小不能为负数。");
        errors.ThrowIfAny();
        var x = new AgreementAttachment
        {
            AgreementId = id,
            FileName = Masking.Scrub(name),
            Description = description is null ? null : Masking.Scrub(description),
            SizeBytes = input.SizeBytes,
            CreatedByUser = access.Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(x);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("agreements.attachment.add", "agreement", id.ToString(), null, $"attachment {x.Id}");
        return new AttachmentDto(x.Id, x.FileName, x.Description, x.SizeBytes, x.CreatedByUser, x.CreatedAt);
    }
}
