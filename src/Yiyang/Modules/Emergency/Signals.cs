using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// One alarm as the device sent it, stored once: (device, message id) is unique, so a retried message stores nothing new
/// and answers the incident it was attached to the first time.
/// </summary>
public sealed class EmergencyAlarm
{
    public long Id { get; set; }
    public long DeviceId { get; set; }
    public required string MessageId { get; set; }
    public IncidentKind Kind { get; set; }
    /// <summary>When the device says it happened.</summary>
    public DateTimeOffset At { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public decimal? Value { get; set; }
    public string? Unit { get; set; }
    public long IncidentId { get; set; }
    public long ElderId { get; set; }
    public required string CountyCode { get; set; }
}

/// <summary>
/// One measurement of an elder's vitals from a device (the time series per elder); (device, message id) unique like
/// alarms. A reading beyond the alert thresholds is attached to the vitals incident it opened or joined.
/// </summary>
public sealed class EmergencyReading : IElderOwned
{
    public long Id { get; set; }
    public long DeviceId { get; set; }
    public long ElderId { get; set; }
    public required string MessageId { get; set; }
    public DateTimeOffset MeasuredAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public int? SystolicMmHg { get; set; }
    public int? DiastolicMmHg { get; set; }
    public int? PulsePerMin { get; set; }
    public decimal? TemperatureC { get; set; }
    public decimal? GlucoseMmolL { get; set; }
    public int? Spo2Percent { get; set; }
    public decimal? WeightKg { get; set; }
    public long? IncidentId { get; set; }
    public required string CountyCode { get; set; }
}

internal sealed class EmergencyAlarmConfiguration : IEntityTypeConfiguration<EmergencyAlarm>
{
    public void Configure(EntityTypeBuilder<EmergencyAlarm> b)
    {
        b.ToTable("emergency_alarm", t => t.HasCheckConstraint("ck_emergency_alarm_kind", "kind IN (1, 2, 3, 4, 5, 8, 9)"));
        b.Property(x => x.MessageId).HasMaxLength(64);
        b.Property(x => x.Unit).HasMaxLength(16);
        b.Property(x => x.Value).HasPrecision(12, 3);
        b.HasIndex(x => new { x.DeviceId, x.MessageId }).IsUnique().HasDatabaseName("ux_emergency_alarm_message");
        b.HasIndex(x => x.IncidentId);
        b.HasOne<EmergencyDevice>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EmergencyIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EmergencyReadingConfiguration : IEntityTypeConfiguration<EmergencyReading>
{
    public void Configure(EntityTypeBuilder<EmergencyReading> b)
    {
        // the plausible ranges of the home-visit vitals (VisitRules), as database checks
        b.ToTable("emergency_reading", t =>
        {
            t.HasCheckConstraint("ck_emergency_reading_values",
                "(systolic_mm_hg IS NULL OR systolic_mm_hg BETWEEN 60 AND 260) AND (diastolic_mm_hg IS NULL OR diastolic_mm_hg BETWEEN 30 AND 160) " +
                "AND (pulse_per_min IS NULL OR pulse_per_min BETWEEN 30 AND 220) AND (temperature_c IS NULL OR CAST(temperature_c AS REAL) BETWEEN 34 AND 43) " +
                "AND (glucose_mmol_l IS NULL OR CAST(glucose_mmol_l AS REAL) BETWEEN 1 AND 35) AND (spo2_percent IS NULL OR spo2_percent BETWEEN 50 AND 100) " +
                "AND (weight_kg IS NULL OR CAST(weight_kg AS REAL) BETWEEN 20 AND 200)");
            t.HasCheckConstraint("ck_emergency_reading_any",
                "COALESCE(systolic_mm_hg, diastolic_mm_hg, pulse_per_min, spo2_percent) IS NOT NULL OR COALESCE(temperature_c, glucose_mmol_l, weight_kg) IS NOT NULL");
        });
        b.Property(x => x.MessageId).HasMaxLength(64);
        b.Property(x => x.TemperatureC).HasPrecision(4, 1);
        b.Property(x => x.GlucoseMmolL).HasPrecision(4, 1);
        b.Property(x => x.WeightKg).HasPrecision(5, 1);
        b.HasIndex(x => new { x.DeviceId, x.MessageId }).IsUnique().HasDatabaseName("ux_emergency_reading_message");
        b.HasIndex(x => new { x.ElderId, x.MeasuredAt });
        b.HasOne<EmergencyDevice>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EmergencyIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}
