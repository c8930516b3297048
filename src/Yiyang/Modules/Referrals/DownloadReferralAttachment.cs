namespace Yiyang.Modules.Referrals;

/// <summary>下载附件: either side downloads an attachment of a referral it sees; the download is audited.</summary>
public sealed class DownloadReferralAttachment(YiyangDb db, AuditTrail audit, ReferralAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}/attachments/{attachmentId:long}", async Task<FileContentHttpResult> (long id, long attachmentId,
                DownloadReferralAttachment handler, CancellationToken ct) =>
            {
                var (name, type, content) = await handler.HandleAsync(id, attachmentId, ct);
                return TypedResults.File(content, type, name);
            })
            .ProducesProblems(404)
            .WithSummary("下载附件（留痕）");

    public async Task<(string FileName, string ContentType, byte[] Content)> HandleAsync(long id, long attachmentId, CancellationToken ct)
    {
        var r = await access.LoadAsync(id, ct);
        var a = await db.Set<ReferralAttachment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.ReferralId == id, ct)
                ?? throw new NotFoundException("未找到该附件。");
        await audit.RecordAsync("referrals.attachment.read", "referral", r.Id.ToString(), r.ElderId, $"attachment {a.Id}");
        return (a.FileName, a.ContentType, a.Content);
    }
}
