using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Targets;

/// <summary>The dashboard of a region and year: every indicator with value, target and breakdown.</summary>
public sealed record IndicatorDashboard(string RegionCode, string RegionName, int Year, int Met, int Below, int NoTarget, int NoData,
    IReadOnlyList<IndicatorValue> Indicators);

/// <summary>
/// 考核看板: all indicators of a region and year (GET /api/indicators/dashboard). A regulator sees the indicators their
/// bureau owns first; the city operator sees the catalogue's order.
/// </summary>
public sealed class GetIndicatorDashboard(IndicatorEvaluator evaluator, CurrentUser user, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/dashboard", async Task<Ok<IndicatorDashboard>> ([FromQuery] string? regionCode, [FromQuery] int? year,
                GetIndicatorDashboard handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(regionCode, year, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("考核看板：某地区某年全部指标的值、目标、是否达标和下一级地区分解；本部门负责的指标排在前面");

    public async Task<IndicatorDashboard> HandleAsync(string? regionCode, int? year, CancellationToken ct)
    {
        var period = evaluator.Period(regionCode, year);
        var values = new List<IndicatorValue>();
        // one at a time: the counts share the request's database connection
        foreach (var i in evaluator.Catalog.All.OrderBy(i => i.Definition.Bureau == user.Bureau ? 0 : 1))
            values.Add(await evaluator.EvaluateAsync(i, period, ct));
        await audit.RecordAsync("targets.dashboard.view", "region", period.RegionCode, null, $"year={period.Year}", wait: false);
        var first = values[0];
        return new IndicatorDashboard(period.RegionCode, first.RegionName, period.Year,
            values.Count(v => v.Met == true), values.Count(v => v.Met == false),
            values.Count(v => v.Status == "ok" && v.Target is null), values.Count(v => v.Status == "no-data"), values);
    }
}
