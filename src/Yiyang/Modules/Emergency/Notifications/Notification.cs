using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>The three notices a family contact may get about an incident (docs/domain/emergency.md#notifications).</summary>
public enum NoticeKind
{
    /// <summary>已收到报警: the incident was opened.</summary>
    Received = 1,

    /// <summary>救助人员已出发: the incident's first task was sent.</summary>
    Dispatched = 2,

    /// <summary>已处置: the incident reached 已处置 (or was closed).</summary>
    Resolved = 3,
}

/// <summary>pending → sent; or failed (retried with backoff) → … → dead after the attempt limit.</summary>
public enum NotificationStatus
{
    Pending = 1,
    Sent = 2,
    Failed = 3,
    Dead = 4,
}

/// <summary>
/// One notice to one contact of the elder about one incident. Unique per (incident, contact, kind): a second run of the
/// notifier or a second node never queues it twice. No personal data: the phone is read from the elder's encrypted record
/// when the notice is sent, and <see cref="LastError"/> holds an error type only.
/// </summary>
public sealed class EmergencyNotification : IElderOwned
{
    public long Id { get; set; }
    public long IncidentId { get; set; }
    public long ElderId { get; set; }
    public int ContactIndex { get; set; }
    public NoticeKind Kind { get; set; }
    public required string Channel { get; set; }
    public NotificationStatus Status { get; set; } = NotificationStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public required string CountyCode { get; set; }
}

/// <summary>Which notices one contact of the elder's record gets (by the contact's position in the record).</summary>
public sealed class EmergencyNotifySetting : IElderOwned
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public int ContactIndex { get; set; }
    public bool Received { get; set; }
    public bool Dispatched { get; set; }
    public bool Resolved { get; set; }
    public required string CountyCode { get; set; }
    public required string SetBy { get; set; }
    public DateTimeOffset SetAt { get; set; }

    public bool Wants(NoticeKind k) => k switch
    {
        NoticeKind.Received => Received,
        NoticeKind.Dispatched => Dispatched,
        _ => Resolved,
    };
}

/// <summary>The last event id the notifier has turned into notices (one row, id 1).</summary>
public sealed class EmergencyNotifyCursor
{
    public int Id { get; set; }
    public long LastEventId { get; set; }
}

internal sealed class EmergencyNotificationConfiguration : IEntityTypeConfiguration<EmergencyNotification>
{
    public void Configure(EntityTypeBuilder<EmergencyNotification> b)
    {
        b.ToTable("emergency_notification", t =>
        {
            t.HasCheckConstraint("ck_emergency_notification_kind", "kind BETWEEN 1 AND 3");
            t.HasCheckConstraint("ck_emergency_notification_status", "status BETWEEN 1 AND 4");
            t.HasCheckConstraint("ck_emergency_notification_attempts", "attempts >= 0");
            t.HasCheckConstraint("ck_emergency_notification_contact", "contact_index >= 0");
            t.HasCheckConstraint("ck_emergency_notification_sent", "(status = 2) = (sent_at IS NOT NULL)");
        });
        b.Property(x => x.Channel).HasMaxLength(32);
        b.Property(x => x.LastError).HasMaxLength(200);
        b.Property(x => x.CountyCode).HasMaxLength(6);
        b.HasIndex(x => new { x.IncidentId, x.ContactIndex, x.Kind }).IsUnique();
        b.HasIndex(x => new { x.Status, x.NextAttemptAt });
        b.HasIndex(x => x.ElderId);
        b.HasOne<EmergencyIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EmergencyNotifySettingConfiguration : IEntityTypeConfiguration<EmergencyNotifySetting>
{
    public void Configure(EntityTypeBuilder<EmergencyNotifySetting> b)
    {
        b.ToTable("emergency_notify_setting", t => t.HasCheckConstraint("ck_emergency_notify_setting_contact", "contact_index BETWEEN 0 AND 19"));
        b.Property(x => x.CountyCode).HasMaxLength(6);
        b.Property(x => x.SetBy).HasMaxLength(64);
        b.HasIndex(x => new { x.ElderId, x.ContactIndex }).IsUnique();
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EmergencyNotifyCursorConfiguration : IEntityTypeConfiguration<EmergencyNotifyCursor>
{
    public void Configure(EntityTypeBuilder<EmergencyNotifyCursor> b)
    {
        b.ToTable("emergency_notify_cursor", t => t.HasCheckConstraint("ck_emergency_notify_cursor_single", "id = 1"));
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}
