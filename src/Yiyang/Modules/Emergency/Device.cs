using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>What a monitoring device is (docs/domain/emergency.md#devices).</summary>
public enum DeviceKind
{
    SosButton = 1,
    FallDetector = 2,
    BedExitMat = 3,
    SmokeDetector = 4,
    GasDetector = 5,
    BloodPressureMeter = 6,
    GlucoseMeter = 7,
    PulseOximeter = 8,
    Scale = 9,
}

/// <summary>
/// A device bound to one elder from <see cref="BoundFrom"/> until it is revoked (<see cref="RevokedAt"/>, the end of the
/// binding). It authenticates with its own secret, issued once and stored only as a SHA-256 hash (<see cref="DeviceSecrets"/>).
/// It is seen at every heartbeat, alarm and reading; silent longer than its interval it is offline.
/// </summary>
public sealed class EmergencyDevice : IElderOwned
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public DeviceKind Kind { get; set; }
    public required string Serial { get; set; }
    /// <summary>Where it is installed or worn (卧室、卫生间、随身佩戴…).</summary>
    public string? InstalledAt { get; set; }
    public int HeartbeatSeconds { get; set; }
    public required byte[] SecretHash { get; set; }
    public DateTimeOffset BoundFrom { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevokeReason { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }
    /// <summary>When the device counts as offline unless seen again: last sighting (or binding) + interval + grace.</summary>
    public DateTimeOffset OfflineAfter { get; set; }
    public int? BatteryPercent { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class EmergencyDeviceConfiguration : IEntityTypeConfiguration<EmergencyDevice>
{
    public void Configure(EntityTypeBuilder<EmergencyDevice> b)
    {
        b.ToTable("emergency_device", t =>
        {
            t.HasCheckConstraint("ck_emergency_device_kind", "kind BETWEEN 1 AND 9");
            t.HasCheckConstraint("ck_emergency_device_heartbeat", "heartbeat_seconds BETWEEN 60 AND 604800");
            t.HasCheckConstraint("ck_emergency_device_battery", "battery_percent IS NULL OR battery_percent BETWEEN 0 AND 100");
            t.HasCheckConstraint("ck_emergency_device_revoked", "(revoked_at IS NULL) = (revoked_by IS NULL)");
            t.HasCheckConstraint("ck_emergency_device_region", "county_code = substr(township_code, 1, 6)");
        });
        b.Property(x => x.Serial).HasMaxLength(64);
        b.Property(x => x.InstalledAt).HasMaxLength(100);
        b.Property(x => x.SecretHash).HasMaxLength(32);
        b.Property(x => x.RevokedBy).HasMaxLength(64);
        b.Property(x => x.RevokeReason).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.SecretHash).IsUnique().HasDatabaseName("ux_emergency_device_secret");
        // one bound device per kind and serial: a serial is registered again only after the old binding was revoked
        b.HasIndex(x => new { x.Kind, x.Serial }).IsUnique().HasFilter("revoked_at IS NULL").HasDatabaseName("ux_emergency_device_serial");
        b.HasIndex(x => x.ElderId);
        b.HasIndex(x => x.OfflineAfter).HasFilter("revoked_at IS NULL").HasDatabaseName("ix_emergency_device_offline_after");
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}
