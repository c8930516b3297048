using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>What happened: an alarm kind, abnormal vitals, or a device problem (docs/domain/emergency.md#priorities).</summary>
public enum IncidentKind
{
    Sos = 1,
    Fall = 2,
    BedExit = 3,
    Smoke = 4,
    Gas = 5,
    Vitals = 6,
    DeviceOffline = 7,
    LowBattery = 8,
    DeviceFault = 9,
}

/// <summary>新事件 → 已受理 → 已派单 → 已到场 → 已处置 → 已关闭.</summary>
public enum IncidentStatus
{
    New = 1,
    Acknowledged = 2,
    Dispatched = 3,
    OnScene = 4,
    Resolved = 5,
    Closed = 6,
}

/// <summary>How an incident ended.</summary>
public enum IncidentOutcome
{
    FalseAlarm = 1,
    AdviceByPhone = 2,
    FamilyHandled = 3,
    FamilyDoctorVisit = 4,
    CareHomeStaff = 5,
    HospitalVia120 = 6,
    DeviceServiced = 7,
    Other = 9,
}

/// <summary>Who is sent.</summary>
public enum ResponderKind
{
    FamilyDoctorTeam = 1,
    CareHome = 2,
    FamilyContact = 3,
    CommunityWorker = 4,
    Ambulance120 = 5,
}

/// <summary>
/// One emergency incident of one elder: opened by an alarm, an abnormal reading or a device problem; later signals of
/// the same source within the dedupe window attach to it (<see cref="SignalCount"/>, <see cref="LastSignalAt"/>). Each
/// step is stamped with its time and person.
/// </summary>
public sealed class EmergencyIncident : IElderOwned
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public long? DeviceId { get; set; }
    public IncidentKind Kind { get; set; }
    public int Priority { get; set; }
    public IncidentStatus Status { get; set; }
    public required string Summary { get; set; }
    /// <summary>Where a signal not from a device came from (上门服务体征), and the platform page it links to.</summary>
    public string? SourceName { get; set; }
    public string? SourceLink { get; set; }
    public int SignalCount { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset LastSignalAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public string? DispatchedBy { get; set; }
    public DateTimeOffset? OnSceneAt { get; set; }
    public string? OnSceneBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public IncidentOutcome? Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class EmergencyIncidentConfiguration : IEntityTypeConfiguration<EmergencyIncident>
{
    public void Configure(EntityTypeBuilder<EmergencyIncident> b)
    {
        b.ToTable("emergency_incident", t =>
        {
            t.HasCheckConstraint("ck_emergency_incident_kind", "kind BETWEEN 1 AND 9");
            t.HasCheckConstraint("ck_emergency_incident_priority", "priority BETWEEN 1 AND 3");
            t.HasCheckConstraint("ck_emergency_incident_status", "status BETWEEN 1 AND 6");
            t.HasCheckConstraint("ck_emergency_incident_signals", "signal_count >= 1 AND last_signal_at >= opened_at");
            t.HasCheckConstraint("ck_emergency_incident_acknowledged", "status < 2 OR (acknowledged_at IS NOT NULL AND acknowledged_by IS NOT NULL)");
            t.HasCheckConstraint("ck_emergency_incident_dispatched", "status NOT IN (3, 4) OR (dispatched_at IS NOT NULL AND dispatched_by IS NOT NULL)");
            t.HasCheckConstraint("ck_emergency_incident_on_scene", "status <> 4 OR (on_scene_at IS NOT NULL AND on_scene_by IS NOT NULL)");
            t.HasCheckConstraint("ck_emergency_incident_resolved",
                "(status >= 5) = (resolved_at IS NOT NULL AND resolved_by IS NOT NULL AND outcome IS NOT NULL)");
            t.HasCheckConstraint("ck_emergency_incident_closed", "(status = 6) = (closed_at IS NOT NULL AND closed_by IS NOT NULL)");
            t.HasCheckConstraint("ck_emergency_incident_outcome", "outcome IS NULL OR outcome IN (1, 2, 3, 4, 5, 6, 7, 9)");
            t.HasCheckConstraint("ck_emergency_incident_region", "county_code = substr(township_code, 1, 6)");
            // an internal link only, and only with its source
            t.HasCheckConstraint("ck_emergency_incident_source_link",
                "source_link IS NULL OR (source_name IS NOT NULL AND substr(source_link, 1, 1) = '/' AND substr(source_link, 2, 1) <> '/')");
        });
        b.Property(x => x.Summary).HasMaxLength(200);
        b.Property(x => x.OutcomeNote).HasMaxLength(500);
        b.Property(x => x.SourceName).HasMaxLength(32);
        b.Property(x => x.SourceLink).HasMaxLength(200);
        foreach (var by in new[] { "AcknowledgedBy", "DispatchedBy", "OnSceneBy", "ResolvedBy", "ClosedBy" }) b.Property(by).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        // the console's order: open first, by priority and age
        b.HasIndex(x => new { x.Status, x.Priority, x.OpenedAt }).HasDatabaseName("ix_emergency_incident_queue");
        b.HasIndex(x => new { x.ElderId, x.OpenedAt });
        b.HasIndex(x => new { x.DeviceId, x.LastSignalAt });
        // at most one open device-problem incident (offline, low battery) per device and kind: the checks stay idempotent across nodes
        b.HasIndex(x => new { x.DeviceId, x.Kind }).IsUnique().HasFilter("kind IN (7, 8) AND status < 5").HasDatabaseName("ux_emergency_incident_device_problem");
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EmergencyDevice>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
    }
}
