namespace Yiyang.Modules.Inbox;

/// <summary>The navigation's unread count: one count on the recipient index, at most once per request.</summary>
public sealed class InboxBadge(YiyangDb db, CurrentUser user)
{
    private int? count;

    public bool Shown => user.Can(InboxPolicies.Read);

    public async Task<int> UnreadAsync(CancellationToken ct = default) =>
        count ??= Shown ? await db.Set<InboxMessage>().AsNoTracking().CountAsync(m => m.RecipientUser == user.UserName && m.ReadAt == null, ct) : 0;
}
