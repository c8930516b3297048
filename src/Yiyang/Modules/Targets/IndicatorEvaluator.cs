namespace Yiyang.Modules.Targets;

/// <summary>One region of an indicator's breakdown (one level down the region tree).</summary>
public sealed record IndicatorBreakdownRow(string RegionCode, string Name, int? Numerator, int? Denominator, decimal? Value, decimal? Target,
    bool? Met);

/// <summary>An indicator's value for a region and year against the target that applies there.</summary>
public sealed record IndicatorValue(
    string Code, string Name, string Unit, string Bureau, string RegionCode, string RegionName, int Year,
    string Status, string? Reason, int? Numerator, int? Denominator, decimal? Value,
    decimal? Target, string? Comparison, string? TargetRegionCode, bool? Met, DateTimeOffset AsOf,
    IReadOnlyList<IndicatorBreakdownRow> Breakdown);

/// <summary>
/// Counts catalogue indicators for a region and year and sets them against their targets (docs/domain/targets.md):
/// the region must lie within the user's region; the breakdown is one level down the region tree.
/// </summary>
public sealed class IndicatorEvaluator(YiyangDb db, CurrentUser user, RegionCatalog regions, IndicatorCatalog catalog, TimeProvider clock)
{
    public IndicatorCatalog Catalog => catalog;

    /// <summary>Checks the region (default: the user's) and year (default: this year), or 400 with field errors; 404 outside the user's region.</summary>
    public IndicatorPeriod Period(string? regionCode, int? year)
    {
        var errors = new FieldErrors();
        var today = clock.ChinaToday();
        var y = year ?? today.Year;
        if (y < 2000 || y > today.Year) errors.Add("year", $"年份应在 2000–{today.Year} 之间。");
        var code = ReadRegion(regionCode, errors, orUsers: true);
        errors.ThrowIfAny();
        DemandWithinUser(code!);
        return new IndicatorPeriod(code!, y, y == today.Year ? today : new DateOnly(y, 12, 31));
    }

    /// <summary>
    /// A region code as given (or the user's, with <paramref name="orUsers"/>), a 12-digit statistical township code read
    /// as its 9 digits; a missing or unknown code adds a field error.
    /// </summary>
    public string? ReadRegion(string? regionCode, FieldErrors errors, bool orUsers)
    {
        var code = string.IsNullOrWhiteSpace(regionCode) ? orUsers ? user.RegionCode : null : regionCode.Trim();
        if (code is { Length: 12 } && code.EndsWith("000", StringComparison.Ordinal)) code = code[..9];
        if (string.IsNullOrEmpty(code)) errors.Add("regionCode", "请选择行政区划。");
        else if (regions.Find(code) is null) errors.Add("regionCode", "行政区划代码不存在。");
        return code;
    }

    /// <summary>404 unless the region lies within the user's.</summary>
    public void DemandWithinUser(string regionCode)
    {
        if (string.IsNullOrEmpty(user.RegionCode) || !regionCode.StartsWith(user.RegionCode, StringComparison.Ordinal))
            throw new NotFoundException("该地区不在您的辖区内。");
    }

    public IIndicator Find(string code) =>
        catalog.Find(code) ?? throw new NotFoundException("没有该指标，请从指标目录中选择。");

    public async Task<IndicatorValue> EvaluateAsync(IIndicator indicator, IndicatorPeriod period, CancellationToken ct, bool breakdown = true)
    {
        var d = indicator.Definition;
        var region = regions.Find(period.RegionCode)!;
        var children = breakdown ? regions.ChildrenOf(region.Code) : [];
        var targets = await TargetsAsync(d.Code, period, children.Select(c => c.Code), ct);
        var counts = await indicator.CountAsync(period, ct);
        var own = TargetRules.Resolve(targets, region.Code);
        var comparison = own?.Comparison ?? d.DefaultComparison;
        var unit = d.Unit == IndicatorUnit.Percent ? "percent" : "count";
        var asOf = counts.CountedAt ?? clock.GetUtcNow();
        if (!counts.HasData)
            return new IndicatorValue(d.Code, d.Name, unit, d.Bureau, region.Code, regions.FullName(region.Code), period.Year, "no-data",
                counts.NoDataReason, null, null, null, own?.Value, TargetRules.ComparisonCode(comparison), own?.RegionCode, null, asOf, []);

        (int Num, int? Den, decimal? Value) Within(string prefix)
        {
            var num = IndicatorCounts.SumWithin(counts.Numerator, prefix);
            if (counts.Denominator is null) return (num, null, num);
            var den = IndicatorCounts.SumWithin(counts.Denominator, prefix);
            return (num, den, TargetRules.Rate(num, den));
        }

        var total = Within(region.Code);
        var rows = children.Select(c =>
        {
            var v = Within(c.Code);
            var t = TargetRules.Resolve(targets, c.Code);
            return new IndicatorBreakdownRow(c.Code, c.Name, v.Num, v.Den, v.Value, t?.Value,
                TargetRules.Met(v.Value, t?.Value, t?.Comparison ?? d.DefaultComparison));
        }).ToList();
        return new IndicatorValue(d.Code, d.Name, unit, d.Bureau, region.Code, regions.FullName(region.Code), period.Year, "ok", null,
            total.Num, total.Den, total.Value, own?.Value, TargetRules.ComparisonCode(comparison), own?.RegionCode,
            TargetRules.Met(total.Value, own?.Value, comparison), asOf, rows);
    }

    /// <summary>The targets of the indicator and year set for the region, its ancestors or its children.</summary>
    private async Task<List<IndicatorTarget>> TargetsAsync(string code, IndicatorPeriod period, IEnumerable<string> children, CancellationToken ct)
    {
        var codes = TargetRules.Ancestry(period.RegionCode).Concat(children).ToList();
        return await db.Set<IndicatorTarget>().AsNoTracking()
            .Where(t => t.IndicatorCode == code && t.Year == period.Year && codes.Contains(t.RegionCode)).ToListAsync(ct);
    }
}
