using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Modules.Targets;

/// <summary>Whether a value meets its target by reaching it (≥) or by staying within it (≤).</summary>
public enum TargetComparison
{
    AtLeast = 1,
    AtMost = 2,
}

/// <summary>
/// A target of an indicator for a region and year, set by the bureau owning the indicator (docs/domain/targets.md#targets).
/// A region without its own target inherits its parent's (township → district → city → province).
/// </summary>
public sealed class IndicatorTarget
{
    public long Id { get; set; }
    public required string IndicatorCode { get; set; }
    public required string RegionCode { get; set; }
    public int Year { get; set; }
    public decimal Value { get; set; }
    public TargetComparison Comparison { get; set; }
    /// <summary>Where the value comes from (a seed table row, a meeting decision…), shown with the target.</summary>
    public string? Basis { get; set; }
    public required string SetByUser { get; set; }
    public DateTimeOffset SetAt { get; set; }
    public int Version { get; set; }
}

internal sealed class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> b)
    {
        b.ToTable("targets_target", t =>
        {
            t.HasCheckConstraint("ck_targets_target_comparison", "comparison IN (1, 2)");
            t.HasCheckConstraint("ck_targets_target_year", "year BETWEEN 2000 AND 2100");
            t.HasCheckConstraint("ck_targets_target_value", "CAST(value AS REAL) >= 0 AND CAST(value AS REAL) <= 100000000");
        });
        b.Property(x => x.IndicatorCode).HasMaxLength(64);
        b.Property(x => x.RegionCode).HasMaxLength(12);
        b.Property(x => x.Value).HasPrecision(12, 2);
        b.Property(x => x.Basis).HasMaxLength(200);
        b.Property(x => x.SetByUser).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.IndicatorCode, x.Year, x.RegionCode }).IsUnique();
    }
}

/// <summary>Pure rules of targets and values.</summary>
public static class TargetRules
{
    public static string ComparisonCode(TargetComparison c) => c == TargetComparison.AtMost ? "at-most" : "at-least";

    public static string ComparisonSign(TargetComparison c) => c == TargetComparison.AtMost ? "≤" : "≥";

    public static TargetComparison? ParseComparison(string? s) => s?.Trim() switch
    {
        "at-least" or ">=" or "≥" => TargetComparison.AtLeast,
        "at-most" or "<=" or "≤" => TargetComparison.AtMost,
        _ => null,
    };

    /// <summary>numerator ÷ denominator × 100 with two decimals, half away from zero; null when the denominator is 0.</summary>
    public static decimal? Rate(int numerator, int denominator) =>
        denominator <= 0 ? null : Math.Round(100m * numerator / denominator, 2, MidpointRounding.AwayFromZero);

    /// <summary>Whether the value meets the target; null when either is missing.</summary>
    public static bool? Met(decimal? value, decimal? target, TargetComparison comparison) =>
        value is not { } v || target is not { } t ? null : comparison == TargetComparison.AtMost ? v <= t : v >= t;

    /// <summary>
    /// The region codes a region inherits from, nearest first: a 9-digit township, its 6-digit district, the 4-digit
    /// city, the 2-digit province.
    /// </summary>
    public static IReadOnlyList<string> Ancestry(string regionCode)
    {
        var list = new List<string> { regionCode };
        foreach (var n in new[] { 6, 4, 2 })
        {
            if (regionCode.Length > n) list.Add(regionCode[..n]);
        }
        return list;
    }

    /// <summary>The target that applies to the region: its own, else the nearest ancestor's.</summary>
    public static IndicatorTarget? Resolve(IEnumerable<IndicatorTarget> targets, string regionCode)
    {
        var byRegion = targets.ToDictionary(t => t.RegionCode);
        return Ancestry(regionCode).Select(c => byRegion.GetValueOrDefault(c)).FirstOrDefault(t => t is not null);
    }
}
