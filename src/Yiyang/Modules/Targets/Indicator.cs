namespace Yiyang.Modules.Targets;

/// <summary>How an indicator's value reads: a percentage of a denominator, or a plain count.</summary>
public enum IndicatorUnit
{
    Percent = 1,
    Count = 2,
}

/// <summary>
/// What an indicator is (docs/domain/targets.md#indicator-catalogue): a stable code, its Chinese name, numerator and
/// denominator in words, where the data come from, the seed passages it answers, and the bureau that owns its targets.
/// </summary>
public sealed record IndicatorDefinition(
    string Code,
    string Name,
    IndicatorUnit Unit,
    string Numerator,
    string? Denominator,
    string Sources,
    string SeedReferences,
    string Bureau,
    TargetComparison DefaultComparison = TargetComparison.AtLeast);

/// <summary>The region and year an indicator is counted for; <see cref="AsOf"/> is the year's last day, or today in the current year.</summary>
public sealed record IndicatorPeriod(string RegionCode, int Year, DateOnly AsOf)
{
    public DateOnly YearStart => new(Year, 1, 1);
    public DateOnly YearEnd => new(Year, 12, 31);

    /// <summary>The end of <see cref="AsOf"/> as an instant (China time), for records stamped with a moment.</summary>
    public DateTimeOffset AsOfEnd => new DateTimeOffset(AsOf.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(8)).ToUniversalTime();
}

/// <summary>
/// The counts of an indicator per township (9-digit code) within the period's region, or the reason the platform cannot
/// count it yet. Townships absent from the dictionaries count 0.
/// </summary>
public sealed class IndicatorCounts
{
    private IndicatorCounts(IReadOnlyDictionary<string, int>? numerator, IReadOnlyDictionary<string, int>? denominator, string? noDataReason,
        DateTimeOffset? countedAt)
    {
        Numerator = numerator ?? new Dictionary<string, int>();
        Denominator = denominator;
        NoDataReason = noDataReason;
        CountedAt = countedAt;
    }

    public IReadOnlyDictionary<string, int> Numerator { get; }

    /// <summary>Null for a count indicator.</summary>
    public IReadOnlyDictionary<string, int>? Denominator { get; }

    public string? NoDataReason { get; }

    /// <summary>When the counts were made, if they were read from pre-aggregated rows (null: counted live now).</summary>
    public DateTimeOffset? CountedAt { get; }

    public bool HasData => NoDataReason is null;

    public static IndicatorCounts Rate(IReadOnlyDictionary<string, int> numerator, IReadOnlyDictionary<string, int> denominator,
        DateTimeOffset? countedAt = null) => new(numerator, denominator, null, countedAt);

    public static IndicatorCounts Count(IReadOnlyDictionary<string, int> numerator) => new(numerator, null, null, null);

    public static IndicatorCounts NoData(string reason) => new(null, null, reason, null);

    /// <summary>The sum over the townships within <paramref name="prefix"/>.</summary>
    public static int SumWithin(IReadOnlyDictionary<string, int> counts, string prefix) =>
        counts.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(kv => kv.Value);
}

/// <summary>One row of an indicator's drill-through: a person (masked) or an organization, counted or not counted.</summary>
public sealed record IndicatorMember(string Kind, long Id, string Name, string TownshipCode, string? Detail);

/// <summary>
/// An indicator a module publishes to the catalogue (registered as <c>services.AddScoped&lt;IIndicator, …&gt;()</c> by the module
/// that owns the data). Counting uses the records only; the region and year are validated by the caller.
/// </summary>
public interface IIndicator
{
    IndicatorDefinition Definition { get; }

    Task<IndicatorCounts> CountAsync(IndicatorPeriod period, CancellationToken ct);

    /// <summary>
    /// The members behind the numerator (<paramref name="counted"/> true) or the denominator members not counted, within
    /// the period's region, in a stable order; null when the indicator has no list (count indicators without data).
    /// </summary>
    Task<IReadOnlyList<IndicatorMember>?> MembersAsync(IndicatorPeriod period, bool counted, int skip, int take, CancellationToken ct);
}
