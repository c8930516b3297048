using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.HomeVisits;

public enum VisitStatus
{
    Planned = 1,    // 待上门
    CheckedIn = 2,  // 已签到（进行中）
    Completed = 3,  // 已完成
}

/// <summary>Why the visit exists: ad hoc (出诊), from a package frequency or from the 台账 interval (巡诊).</summary>
public enum VisitSource
{
    AdHoc = 1,
    Package = 2,
    Ledger = 3,
}

public enum ServiceStatus
{
    Open = 0,
    Done = 1,
    Skipped = 2,
}

public enum ConfirmedBy
{
    Self = 1,   // 本人确认
    Family = 2, // 家属确认
}

/// <summary>
/// 上门巡诊/出诊: one visit to one elder by a medical organization's staff. Carries the elder's region. Planned →
/// checked in (time, optional place from the phone) → completed (check-out time, notes, the elder's or family's
/// confirmation) once every planned service is done or skipped with a reason.
/// </summary>
public sealed class HomeVisit : IElderOwned
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public long? TeamId { get; set; }
    /// <summary>The organization whose staff make the visit.</summary>
    public long? OrganizationId { get; set; }
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }
    public DateOnly PlannedDate { get; set; }
    public VisitSource Source { get; set; }
    public VisitStatus Status { get; set; }
    public DateTimeOffset? CheckedInAt { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>Accuracy of the phone's position, metres.</summary>
    public double? AccuracyMeters { get; set; }
    public DateTimeOffset? CheckedOutAt { get; set; }
    /// <summary>Distance from the institution to the elder's home, km (prices the 上门服务费 by band; given at completion).</summary>
    public decimal? DistanceKm { get; set; }
    /// <summary>Local (UTC+8) date of the check-out; what the 台账 shows as the last visit.</summary>
    public DateOnly? CompletedOn { get; set; }
    public string? Notes { get; set; }
    public ConfirmedBy? ConfirmedBy { get; set; }
    public string? ConfirmerName { get; set; }
    public string? ConfirmerRelation { get; set; }
    /// <summary>The user who planned or started the visit, and who checked in (the staff at the door).</summary>
    public required string CreatedByUser { get; set; }
    public string? StaffUser { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<HomeVisitService> Services { get; set; } = [];
    public HomeVisitVital? Vital { get; set; }
}

/// <summary>A service of a visit: planned ones must be done or skipped (with a reason) before check-out; extra ones are added at the door.</summary>
public sealed class HomeVisitService
{
    public long Id { get; set; }
    public long VisitId { get; set; }
    /// <summary>Service code (the price catalog's item code where one exists).</summary>
    public required string ServiceCode { get; set; }
    public required string ServiceName { get; set; }
    public bool Planned { get; set; }
    public ServiceStatus Status { get; set; }
    public string? SkipReason { get; set; }
    public DateTimeOffset? RecordedAt { get; set; }
    public required string CountyCode { get; set; }
}

/// <summary>Vitals taken at the visit (one row per visit; every value optional, units in the names).</summary>
public sealed class HomeVisitVital
{
    public long Id { get; set; }
    public long VisitId { get; set; }
    public int? SystolicMmHg { get; set; }
    public int? DiastolicMmHg { get; set; }
    public int? PulsePerMin { get; set; }
    public decimal? TemperatureC { get; set; }
    public decimal? GlucoseMmolL { get; set; }
    public int? Spo2Percent { get; set; }
    public decimal? WeightKg { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string CountyCode { get; set; }
}

/// <summary>An Idempotency-Key used to create a visit: unique per user, with a hash of the request it answered.</summary>
public sealed class HomeVisitIdempotency
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public long VisitId { get; set; }
    public required string CountyCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class HomeVisitConfiguration : IEntityTypeConfiguration<HomeVisit>
{
    public void Configure(EntityTypeBuilder<HomeVisit> b)
    {
        b.ToTable("homecare_visit", t =>
        {
            t.HasCheckConstraint("ck_homecare_visit_status", "status IN (1, 2, 3)");
            t.HasCheckConstraint("ck_homecare_visit_source", "source IN (1, 2, 3)");
            t.HasCheckConstraint("ck_homecare_visit_confirmed_by", "confirmed_by IS NULL OR confirmed_by IN (1, 2)");
            t.HasCheckConstraint("ck_homecare_visit_region", "county_code = substr(township_code, 1, 6)");
            t.HasCheckConstraint("ck_homecare_visit_position",
                "(latitude IS NULL OR (latitude >= -90 AND latitude <= 90)) AND (longitude IS NULL OR (longitude >= -180 AND longitude <= 180)) AND (accuracy_meters IS NULL OR accuracy_meters >= 0)");
            // a completed visit has been checked in and out
            t.HasCheckConstraint("ck_homecare_visit_completed",
                "status <> 3 OR (checked_in_at IS NOT NULL AND checked_out_at IS NOT NULL AND completed_on IS NOT NULL AND confirmed_by IS NOT NULL)");
        });
        b.Property(x => x.Notes).HasMaxLength(500);
        b.Property(x => x.ConfirmerName).HasMaxLength(50);
        b.Property(x => x.ConfirmerRelation).HasMaxLength(20);
        b.Property(x => x.StaffUser).HasMaxLength(64);
        b.Property(x => x.DistanceKm).HasPrecision(6, 2);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ElderId, x.PlannedDate });
        b.HasIndex(x => new { x.ElderId, x.CompletedOn });
        b.HasIndex(x => new { x.OrganizationId, x.PlannedDate });
        b.HasIndex(x => new { x.TownshipCode, x.PlannedDate });
        b.HasIndex(x => x.TeamId);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FamilyDoctorTeam>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Services).WithOne().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Vital).WithOne().HasForeignKey<HomeVisitVital>(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HomeVisitServiceConfiguration : IEntityTypeConfiguration<HomeVisitService>
{
    public void Configure(EntityTypeBuilder<HomeVisitService> b)
    {
        b.ToTable("homecare_visit_service", t =>
        {
            t.HasCheckConstraint("ck_homecare_visit_service_status", "status IN (0, 1, 2)");
            // skipped only with a reason
            t.HasCheckConstraint("ck_homecare_visit_service_skip_reason", "status <> 2 OR (skip_reason IS NOT NULL AND skip_reason <> '')");
        });
        b.Property(x => x.ServiceCode).HasMaxLength(32);
        b.Property(x => x.ServiceName).HasMaxLength(50);
        b.Property(x => x.SkipReason).HasMaxLength(200);
        b.HasIndex(x => new { x.VisitId, x.ServiceCode }).IsUnique();
    }
}

internal sealed class HomeVisitVitalConfiguration : IEntityTypeConfiguration<HomeVisitVital>
{
    public void Configure(EntityTypeBuilder<HomeVisitVital> b)
    {
        b.ToTable("homecare_visit_vital");
        b.Property(x => x.TemperatureC).HasPrecision(4, 1);
        b.Property(x => x.GlucoseMmolL).HasPrecision(4, 1);
        b.Property(x => x.WeightKg).HasPrecision(5, 1);
        b.HasIndex(x => x.VisitId).IsUnique();
    }
}

internal sealed class HomeVisitIdempotencyConfiguration : IEntityTypeConfiguration<HomeVisitIdempotency>
{
    public void Configure(EntityTypeBuilder<HomeVisitIdempotency> b)
    {
        b.ToTable("homecare_idempotency");
        b.Property(x => x.UserName).HasMaxLength(64);
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.RequestHash).HasMaxLength(64);
        // a retry of the same user with the same key finds the visit it created; two racing requests: one wins
        b.HasIndex(x => new { x.UserName, x.Key }).IsUnique().HasDatabaseName("ux_homecare_idempotency_user_key");
        b.HasIndex(x => x.VisitId);
        b.HasOne<HomeVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}
