using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiyang.Modules.Elders;
using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// The alert thresholds of one elder's vitals (docs/domain/emergency.md#vital-sign-alert-thresholds): systolic ≥ high or
/// &lt; low; diastolic ≥ high; SpO₂ &lt; low; temperature ≥ high; glucose ≥ high or &lt; low; pulse &gt; high or &lt; low.
/// </summary>
public sealed record ThresholdSet(int SystolicHigh, int SystolicLow, int DiastolicHigh, int Spo2Low, decimal TemperatureHigh, decimal GlucoseHigh,
    decimal GlucoseLow, int PulseHigh, int PulseLow)
{
    /// <summary>The default alert thresholds (docs/domain/emergency.md#vital-sign-alert-thresholds).</summary>
    public static readonly ThresholdSet Default = new(180, 90, 110, 90, 38.5m, 16.7m, 3.9m, 120, 50);
}

/// <summary>
/// Checks vitals against alert thresholds. They apply to plausible values only: an implausible one is an input error
/// (<see cref="VisitRules"/>, the home-visit ranges), refused before this check.
/// </summary>
public static class VitalThresholds
{
    /// <summary>One value beyond its threshold, with the Chinese text for the incident.</summary>
    public sealed record Breach(string Field, string Text);

    public static IReadOnlyList<Breach> Check(VitalsInput v) => Check(v, ThresholdSet.Default);

    public static IReadOnlyList<Breach> Check(VitalsInput v, ThresholdSet t)
    {
        var list = new List<Breach>();
        if (v.Systolic is { } s && s >= t.SystolicHigh) list.Add(new("systolic", $"收缩压 {s} mmHg（≥ {t.SystolicHigh}）"));
        if (v.Systolic is { } s2 && s2 < t.SystolicLow) list.Add(new("systolic", $"收缩压 {s2} mmHg（< {t.SystolicLow}）"));
        if (v.Diastolic is { } d && d >= t.DiastolicHigh) list.Add(new("diastolic", $"舒张压 {d} mmHg（≥ {t.DiastolicHigh}）"));
        if (v.Spo2 is { } o && o < t.Spo2Low) list.Add(new("spo2", $"血氧 {o}%（< {t.Spo2Low}%）"));
        if (v.Temperature is { } c && c >= t.TemperatureHigh) list.Add(new("temperature", $"体温 {c:0.0} ℃（≥ {t.TemperatureHigh:0.0}）"));
        if (v.Glucose is { } g && g >= t.GlucoseHigh) list.Add(new("glucose", $"血糖 {g:0.0} mmol/L（≥ {t.GlucoseHigh:0.0}）"));
        if (v.Glucose is { } g2 && g2 < t.GlucoseLow) list.Add(new("glucose", $"血糖 {g2:0.0} mmol/L（< {t.GlucoseLow:0.0}）"));
        if (v.Pulse is { } p && p > t.PulseHigh) list.Add(new("pulse", $"脉搏 {p} 次/分（> {t.PulseHigh}）"));
        if (v.Pulse is { } p2 && p2 < t.PulseLow) list.Add(new("pulse", $"脉搏 {p2} 次/分（< {t.PulseLow}）"));
        return list;
    }

    /// <summary>Field errors of a threshold set: each value plausible (the home-visit ranges), each low below its high.</summary>
    public static FieldErrors Validate(ThresholdSet t)
    {
        var errors = new FieldErrors();
        void In(string field, string label, decimal v, VisitRules.Range r)
        {
            if (v < r.Min || v > r.Max) errors.Add(field, $"{label}应在 {VisitRules.Hint(r)} 之间。");
        }
        In("systolicHigh", "收缩压上限", t.SystolicHigh, VisitRules.Systolic);
        In("systolicLow", "收缩压下限", t.SystolicLow, VisitRules.Systolic);
        In("diastolicHigh", "舒张压上限", t.DiastolicHigh, VisitRules.Diastolic);
        In("spo2Low", "血氧下限", t.Spo2Low, VisitRules.Spo2);
        In("temperatureHigh", "体温上限", t.TemperatureHigh, VisitRules.Temperature);
        In("glucoseHigh", "血糖上限", t.GlucoseHigh, VisitRules.Glucose);
        In("glucoseLow", "血糖下限", t.GlucoseLow, VisitRules.Glucose);
        In("pulseHigh", "脉搏上限", t.PulseHigh, VisitRules.Pulse);
        In("pulseLow", "脉搏下限", t.PulseLow, VisitRules.Pulse);
        if (!errors.Any && t.SystolicLow >= t.SystolicHigh) errors.Add("systolicLow", "收缩压下限应低于上限。");
        if (!errors.Any && t.GlucoseLow >= t.GlucoseHigh) errors.Add("glucoseLow", "血糖下限应低于上限。");
        if (!errors.Any && t.PulseLow >= t.PulseHigh) errors.Add("pulseLow", "脉搏下限应低于上限。");
        if (decimal.Round(t.TemperatureHigh, 1) != t.TemperatureHigh) errors.Add("temperatureHigh", "体温上限最多保留 1 位小数。");
        if (decimal.Round(t.GlucoseHigh, 1) != t.GlucoseHigh) errors.Add("glucoseHigh", "血糖上限最多保留 1 位小数。");
        if (decimal.Round(t.GlucoseLow, 1) != t.GlucoseLow) errors.Add("glucoseLow", "血糖下限最多保留 1 位小数。");
        return errors;
    }
}

/// <summary>An elder's own alert thresholds, set by the responsible doctor (replacing the defaults as a whole).</summary>
public sealed class EmergencyThreshold : IElderOwned
{
    public long Id { get; set; }
    public long ElderId { get; set; }
    public int SystolicHigh { get; set; }
    public int SystolicLow { get; set; }
    public int DiastolicHigh { get; set; }
    public int Spo2Low { get; set; }
    public decimal TemperatureHigh { get; set; }
    public decimal GlucoseHigh { get; set; }
    public decimal GlucoseLow { get; set; }
    public int PulseHigh { get; set; }
    public int PulseLow { get; set; }
    public required string SetBy { get; set; }
    public DateTimeOffset SetAt { get; set; }
    public required string CountyCode { get; set; }
    public int Version { get; set; }

    public ThresholdSet ToSet() => new(SystolicHigh, SystolicLow, DiastolicHigh, Spo2Low, TemperatureHigh, GlucoseHigh, GlucoseLow, PulseHigh, PulseLow);
}

internal sealed class EmergencyThresholdConfiguration : IEntityTypeConfiguration<EmergencyThreshold>
{
    public void Configure(EntityTypeBuilder<EmergencyThreshold> b)
    {
        b.ToTable("emergency_threshold", t => t.HasCheckConstraint("ck_emergency_threshold_order",
            "systolic_low < systolic_high AND pulse_low < pulse_high AND CAST(glucose_low AS REAL) < CAST(glucose_high AS REAL)"));
        b.Property(x => x.TemperatureHigh).HasPrecision(4, 1);
        b.Property(x => x.GlucoseHigh).HasPrecision(4, 1);
        b.Property(x => x.GlucoseLow).HasPrecision(4, 1);
        b.Property(x => x.SetBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.ElderId).IsUnique().HasDatabaseName("ux_emergency_threshold_elder");
        b.HasOne<Elder>().WithMany().HasForeignKey(x => x.ElderId).OnDelete(DeleteBehavior.Restrict);
    }
}
