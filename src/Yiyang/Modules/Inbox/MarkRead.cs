namespace Yiyang.Modules.Inbox;

/// <summary>标为已读: one's own message only (another user's is a 404); marking it again keeps the first time.</summary>
public sealed class MarkRead(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/read", async Task<Ok<InboxMessageDto>> (long id, MarkRead handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404)
            .WithSummary("标为已读（只能是自己的消息）");

    public async Task<InboxMessageDto> HandleAsync(long id, CancellationToken ct)
    {
        user.Demand(InboxPolicies.Read);
        var m = await db.Set<InboxMessage>().FirstOrDefaultAsync(x => x.Id == id && x.RecipientUser == user.UserName, ct)
                ?? throw new NotFoundException("未找到该消息，或它不是您的消息。");
        if (m.ReadAt is null)
        {
            m.ReadAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync("inbox.read", "inbox-message", id.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ElderId);
        }
        return ListInbox.ToDto(m);
    }
}
