using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.HomeVisits;

/// <summary>
/// A vital of a visit that was beyond the elder's alert threshold (docs/domain/inbox.md): one row per visit and field,
/// written when the breach is first saved, which is when the doctor and the call centre are told (once: the unique
/// index). <see cref="Active"/> is false once the value was corrected to a normal one; the row and the alert stay.
/// </summary>
public sealed class HomeVisitVitalBreach : IElderOwned
{
    public long Id { get; set; }
    public long VisitId { get; set; }
    public long ElderId { get; set; }
    /// <summary>The vital, as the API names it: systolic, diastolic, pulse, temperature, glucose, spo2.</summary>
    public required string Field { get; set; }
    /// <summary>The value and the threshold it crossed, as last saved (收缩压 185 mmHg（≥ 180）).</summary>
    public required string Text { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset AlertedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string CountyCode { get; set; }
}

public sealed record VitalBreachDto(string Field, string Text);

/// <summary>A recent abnormal vital of an elder, for the elder's page.</summary>
public sealed record RecentBreachDto(long VisitId, DateOnly PlannedDate, string Field, string Text, DateTimeOffset AlertedAt);

internal sealed class HomeVisitVitalBreachConfiguration : IEntityTypeConfiguration<HomeVisitVitalBreach>
{
    public void Configure(EntityTypeBuilder<HomeVisitVitalBreach> b)
    {
        b.ToTable("homecare_visit_vital_breach", t =>
            t.HasCheckConstraint("ck_homecare_visit_vital_breach_field", "field IN ('systolic', 'diastolic', 'pulse', 'temperature', 'glucose', 'spo2')"));
        b.Property(x => x.Field).HasMaxLength(16);
        b.Property(x => x.Text).HasMaxLength(100);
        // once per visit and field: the alert is sent when this row is first written
        b.HasIndex(x => new { x.VisitId, x.Field }).IsUnique().HasDatabaseName("ux_homecare_visit_vital_breach");
        b.HasIndex(x => new { x.ElderId, x.AlertedAt });
        b.HasOne<HomeVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}
