namespace Yiyang.Modules.Inbox;

/// <summary>
/// The inbox's published write: other modules hand it a note inside their own transaction. A recipient who already has
/// a message of the same kind and source gets no second one (also a unique index, docs/domain/inbox.md).
/// </summary>
public sealed class InboxWriter(YiyangDb db, TimeProvider clock)
{
    public async Task<int> SendAsync(InboxNote note, CancellationToken ct)
    {
        var recipients = note.Recipients.Distinct(StringComparer.Ordinal).ToList();
        if (recipients.Count == 0) return 0;
        var have = await db.Set<InboxMessage>().AsNoTracking()
            .Where(m => recipients.Contains(m.RecipientUser) && m.Kind == note.Kind && m.SourceKey == note.SourceKey)
            .Select(m => m.RecipientUser).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var text = note.Text.Length > 300 ? note.Text[..299] + "…" : note.Text;
        var fresh = recipients.Except(have, StringComparer.Ordinal).ToList();
        foreach (var r in fresh)
        {
            db.Add(new InboxMessage
            {
                RecipientUser = r,
                Kind = note.Kind,
                ElderId = note.ElderId,
                Link = note.Link,
                Text = text,
                SourceKey = note.SourceKey,
                CreatedAt = now,
                CountyCode = note.CountyCode,
            });
        }
        return fresh.Count;
    }
}
