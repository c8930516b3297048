namespace Yiyang.Modules.Inbox;

public sealed record InboxMessageDto(long Id, string Kind, string KindName, long ElderId, string Link, string Text, DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt, bool Unread);

public sealed record InboxList(IReadOnlyList<InboxMessageDto> Items, int Unread);

/// <summary>A message to write: to each of <paramref name="Recipients"/>, once per <paramref name="SourceKey"/>.</summary>
public sealed record InboxNote(IReadOnlyCollection<string> Recipients, string Kind, long ElderId, string Link, string Text, string SourceKey,
    string CountyCode);
