using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Inbox;

/// <summary>What a message is about (docs/domain/inbox.md).</summary>
public static class InboxKinds
{
    /// <summary>A vital sign beyond the elder's alert threshold at a home visit or sickbed round.</summary>
    public const string VitalAlert = "vital-alert";

    public static readonly IReadOnlyList<string> All = [VitalAlert];

    public static string Name(string kind) => kind switch
    {
        VitalAlert => "体征异常",
        _ => kind,
    };
}

/// <summary>
/// One message in one user's inbox: about an elder, with a link to the record it concerns. Unread until the recipient
/// marks it read. <see cref="SourceKey"/> names what caused it (a visit and a vital), so that the same cause reaches the
/// same recipient at most once (unique index).
/// </summary>
public sealed class InboxMessage
{
    public long Id { get; set; }
    public required string RecipientUser { get; set; }
    public required string Kind { get; set; }
    public long ElderId { get; set; }
    public required string Link { get; set; }
    public required string Text { get; set; }
    public required string SourceKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public required string CountyCode { get; set; }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> b)
    {
        b.ToTable("inbox_message", t =>
        {
            t.HasCheckConstraint("ck_inbox_message_kind", "kind IN ('vital-alert')");
            // an internal link only: never an address outside the platform
            t.HasCheckConstraint("ck_inbox_message_link", "substr(link, 1, 1) = '/' AND substr(link, 2, 1) <> '/'");
            t.HasCheckConstraint("ck_inbox_message_read", "read_at IS NULL OR read_at >= created_at");
        });
        b.Property(x => x.RecipientUser).HasMaxLength(64);
        b.Property(x => x.Kind).HasMaxLength(32);
        b.Property(x => x.Link).HasMaxLength(200);
        b.Property(x => x.Text).HasMaxLength(300);
        b.Property(x => x.SourceKey).HasMaxLength(100);
        // the badge's count and the inbox's order: unread first, newest first
        b.HasIndex(x => new { x.RecipientUser, x.ReadAt, x.CreatedAt }).HasDatabaseName("ix_inbox_message_recipient");
        b.HasIndex(x => new { x.RecipientUser, x.Kind, x.SourceKey }).IsUnique().HasDatabaseName("ux_inbox_message_source");
        b.HasIndex(x => x.ElderId);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}
