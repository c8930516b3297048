using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Platform.Audit;

/// <summary>
/// An audit entry written in the transaction of the change it records (<see cref="AuditTrail"/> inside a write request),
/// so that a committed change always has its entry: the chain writer (<see cref="AuditLog"/>) moves it into the chain
/// in its own transaction — at once after the request commits, and at start and every few seconds for entries a crash
/// or an outage left behind.
/// </summary>
public sealed class AuditOutboxEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public long? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Role { get; set; }
    public required string Action { get; set; }
    public required string SubjectType { get; set; }
    public string? SubjectId { get; set; }
    public long? ElderId { get; set; }
    public string? Detail { get; set; }
    public string? RemoteIp { get; set; }

    public AuditRecord ToRecord() => new(UserId, UserName, Role, Action, SubjectType, SubjectId, ElderId, Detail, RemoteIp);
}

internal sealed class AuditOutboxConfiguration : IEntityTypeConfiguration<AuditOutboxEntry>
{
    public void Configure(EntityTypeBuilder<AuditOutboxEntry> b)
    {
        b.ToTable("platform_audit_outbox");
        b.Property(x => x.UserName).HasMaxLength(64);
        b.Property(x => x.Role).HasMaxLength(32);
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.SubjectType).HasMaxLength(32);
        b.Property(x => x.SubjectId).HasMaxLength(64);
        b.Property(x => x.Detail).HasMaxLength(500);
        b.Property(x => x.RemoteIp).HasMaxLength(64);
    }
}
