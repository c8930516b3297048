using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Platform.Audit;

/// <summary>
/// One append-only audit record. Hash = SHA-256(prevHash | canonical fields), so editing or removing an entry
/// breaks the chain from there on. The database refuses UPDATE and DELETE on the table (triggers).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public long? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Role { get; set; }
    /// <summary>elder.create, elder.update, elder.view, elder.reveal, export, login, login.failed…</summary>
    public required string Action { get; set; }
    public required string SubjectType { get; set; }
    public string? SubjectId { get; set; }
    public long? ElderId { get; set; }
    /// <summary>Free text without personal data (e.g. which field was revealed and why).</summary>
    public string? Detail { get; set; }
    public string? RemoteIp { get; set; }
    public required string PrevHash { get; set; }
    public required string Hash { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("platform_audit_entry");
        b.Property(x => x.UserName).HasMaxLength(64);
        b.Property(x => x.Role).HasMaxLength(32);
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.SubjectType).HasMaxLength(32);
        b.Property(x => x.SubjectId).HasMaxLength(64);
        b.Property(x => x.Detail).HasMaxLength(500);
        b.Property(x => x.RemoteIp).HasMaxLength(64);
        b.Property(x => x.PrevHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => x.Hash).IsUnique();
        // no two entries may extend the same predecessor: the chain cannot fork, even with several app nodes
        b.HasIndex(x => x.PrevHash).IsUnique();
        b.HasIndex(x => new { x.SubjectType, x.SubjectId });
        b.HasIndex(x => x.ElderId);
        b.HasIndex(x => x.At);
    }
}
