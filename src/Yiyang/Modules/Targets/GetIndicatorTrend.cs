using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Targets;

/// <summary>One year of an indicator's trend.</summary>
public sealed record IndicatorTrendPoint(int Year, string Status, int? Numerator, int? Denominator, decimal? Value, decimal? Target, bool? Met);

/// <summary>
/// 指标趋势 (GET /api/indicators/{code}/trend?regionCode=&amp;year=&amp;years=5): the indicator counted for each of the last
/// years up to <c>year</c>, from the dated records, against each year's target.
/// </summary>
public sealed class GetIndicatorTrend(IndicatorEvaluator evaluator, AuditTrail audit)
{
    public const int MaxYears = 10;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{code}/trend", async Task<Ok<IReadOnlyList<IndicatorTrendPoint>>> (string code, [FromQuery] string? regionCode,
                [FromQuery] int? year, [FromQuery] int? years, GetIndicatorTrend handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(code, regionCode, year, years, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("指标近几年（默认 5 年，最多 10 年）的趋势：每年的值、目标和是否达标");

    public async Task<IReadOnlyList<IndicatorTrendPoint>> HandleAsync(string code, string? regionCode, int? year, int? years, CancellationToken ct)
    {
        var indicator = evaluator.Find(code);
        var n = years ?? 5;
        if (n is < 1 or > MaxYears) throw ValidationFailedException.For("years", $"年数应在 1–{MaxYears} 之间。");
        var last = evaluator.Period(regionCode, year);
        var points = await TrendAsync(evaluator, indicator, last, n, ct);
        await audit.RecordAsync("targets.indicator.trend", "region", last.RegionCode, null, $"{indicator.Definition.Code}; {last.Year - n + 1}-{last.Year}",
            wait: false);
        return points;
    }

    internal static async Task<IReadOnlyList<IndicatorTrendPoint>> TrendAsync(IndicatorEvaluator evaluator, IIndicator indicator,
        IndicatorPeriod last, int years, CancellationToken ct)
    {
        var points = new List<IndicatorTrendPoint>();
        for (var y = Math.Max(2000, last.Year - years + 1); y <= last.Year; y++)
        {
            var v = await evaluator.EvaluateAsync(indicator, evaluator.Period(last.RegionCode, y), ct, breakdown: false);
            points.Add(new IndicatorTrendPoint(y, v.Status, v.Numerator, v.Denominator, v.Value, v.Target, v.Met));
        }
        return points;
    }
}
