using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Platform.Security;

/// <summary>
/// 安全告警: something the security admin must look at — a user or an institution that reached a limit meant to stop
/// guessing (the admission desk's ID-number misses, for example). The summary names the account and the organization,
/// never a person's data. Acknowledged by the security admin with a note.
/// </summary>
public sealed class SecurityAlert
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Stable code, e.g. <c>institutions.admission-misses</c>.</summary>
    public required string Kind { get; set; }
    public required string Summary { get; set; }
    /// <summary>The account whose actions raised the alert, if one did.</summary>
    public string? UserName { get; set; }
    public long? OrganizationId { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgeNote { get; set; }
    public int Version { get; set; }
}

internal sealed class SecurityAlertConfiguration : IEntityTypeConfiguration<SecurityAlert>
{
    public void Configure(EntityTypeBuilder<SecurityAlert> b)
    {
        b.ToTable("platform_security_alert", t =>
            t.HasCheckConstraint("ck_platform_security_alert_ack", "(acknowledged_at IS NULL) = (acknowledged_by IS NULL)"));
        b.Property(x => x.Kind).HasMaxLength(64);
        b.Property(x => x.Summary).HasMaxLength(300);
        b.Property(x => x.UserName).HasMaxLength(64);
        b.Property(x => x.AcknowledgedBy).HasMaxLength(64);
        b.Property(x => x.AcknowledgeNote).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.AcknowledgedAt, x.At });
    }
}

/// <summary>Raises security alerts: added to the current unit of work, so an alert commits with what caused it.</summary>
public sealed class SecurityAlerts(YiyangDb db, TimeProvider clock)
{
    /// <summary>Adds an alert (saved by the caller's next save). The summary must not contain personal data.</summary>
    public SecurityAlert Raise(string kind, string summary, string? userName = null, long? organizationId = null)
    {
        var alert = new SecurityAlert
        {
            At = clock.GetUtcNow(),
            Kind = kind,
            Summary = Masking.Scrub(summary.Length > 300 ? summary[..300] : summary),
            UserName = userName,
            OrganizationId = organizationId,
        };
        db.Add(alert);
        return alert;
    }
}
