namespace Yiyang.Modules.Inbox;

/// <summary>The signed-in user's own messages: unread first, then newest first (the last 200).</summary>
public sealed class ListInbox(YiyangDb db, CurrentUser user, AuditTrail audit)
{
    public const int Max = 200;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<InboxList>> (ListInbox handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithSummary("我的消息（未读在前，最多 200 条），含未读数");

    public async Task<InboxList> HandleAsync(CancellationToken ct)
    {
        user.Demand(InboxPolicies.Read);
        var mine = db.Set<InboxMessage>().AsNoTracking().Where(m => m.RecipientUser == user.UserName);
        var rows = await mine.OrderBy(m => m.ReadAt != null).ThenByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(Max).ToListAsync(ct);
        var unread = await mine.CountAsync(m => m.ReadAt == null, ct);
        await audit.RecordListAsync("inbox.list", "inbox", null, 1, rows.Select(r => r.ElderId).Distinct());
        return new InboxList([.. rows.Select(ToDto)], unread);
    }

    public static InboxMessageDto ToDto(InboxMessage m) =>
        new(m.Id, m.Kind, InboxKinds.Name(m.Kind), m.ElderId, m.Link, m.Text, m.CreatedAt, m.ReadAt, m.ReadAt is null);
}
