using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Targets;

/// <summary>One indicator of a region and year with its target and the breakdown one level down (GET /api/indicators/{code}).</summary>
public sealed class GetIndicator(IndicatorEvaluator evaluator, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{code}", async Task<Ok<IndicatorValue>> (string code, [FromQuery] string? regionCode, [FromQuery] int? year,
                GetIndicator handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(code, regionCode, year, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("某地区某年的一项指标：分子、分母、值、适用的目标、是否达标，以及下一级地区的分解；平台尚无数据时 status 为 no-data 并说明原因");

    public async Task<IndicatorValue> HandleAsync(string code, string? regionCode, int? year, CancellationToken ct)
    {
        var indicator = evaluator.Find(code);
        var period = evaluator.Period(regionCode, year);
        var value = await evaluator.EvaluateAsync(indicator, period, ct);
        await audit.RecordAsync("targets.indicator.view", "region", period.RegionCode, null, $"{indicator.Definition.Code}; year={period.Year}",
            wait: false);
        return value;
    }
}
