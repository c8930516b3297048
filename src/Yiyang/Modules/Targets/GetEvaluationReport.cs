using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Targets;

/// <summary>A sub-region's place in the yearly evaluation: indicators met of those with a target and a value.</summary>
public sealed record RegionRanking(int Rank, string RegionCode, string Name, int Met, int Judged, decimal? MetShare);

/// <summary>One indicator's row of the report: the dashboard value and its last five years.</summary>
public sealed record ReportIndicator(IndicatorValue Value, IReadOnlyList<IndicatorTrendPoint> Trend);

/// <summary>年度考核报告 of a region and year (docs/domain/targets.md#yearly-evaluation-report).</summary>
public sealed record EvaluationReport(string RegionCode, string RegionName, int Year, DateTimeOffset At, int Met, int Below, int NoTarget,
    int NoData, IReadOnlyList<ReportIndicator> Indicators, IReadOnlyList<RegionRanking> Ranking, IReadOnlyList<PolicyTaskDto> Tasks);

/// <summary>
/// 年度考核报告 (GET /api/indicators/report?regionCode=&amp;year=, and <c>/report/export.xlsx</c>): every indicator against
/// its target with five years of trend, the sub-regions ranked by the indicators they meet, and the policy tasks'
/// status. The page <c>/Targets/Report</c> prints it.
/// </summary>
public sealed class GetEvaluationReport(IndicatorEvaluator evaluator, PolicyTaskBoard tasks, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/report", async Task<Ok<EvaluationReport>> ([FromQuery] string? regionCode, [FromQuery] int? year, GetEvaluationReport handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(regionCode, year, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("年度考核报告：全部指标对照目标、近 5 年趋势、下级地区达标排名、政策任务状态");
        api.MapGet("/report/export.xlsx", async ([FromQuery] string? regionCode, [FromQuery] int? year, GetEvaluationReport handler,
                CancellationToken ct) => await handler.ExportAsync(regionCode, year, ct))
            .Produces(StatusCodes.Status200OK, contentType: Xlsx.ContentType).ProducesProblems(400, 404)
            .WithSummary("导出年度考核报告（.xlsx）：与打印版相同的表格");
    }

    public async Task<EvaluationReport> HandleAsync(string? regionCode, int? year, CancellationToken ct)
    {
        var report = await BuildAsync(regionCode, year, ct);
        await audit.RecordAsync("targets.report.view", "region", report.RegionCode, null, $"year={report.Year}", wait: false);
        return report;
    }

    public async Task<FileContentHttpResult> ExportAsync(string? regionCode, int? year, CancellationToken ct)
    {
        var r = await BuildAsync(regionCode, year, ct);
        var years = r.Indicators.FirstOrDefault()?.Trend.Select(t => t.Year).ToList() ?? [];
        var indicators = new List<object?[]> { new object?[] { "指标", "负责部门", "值", "目标", "是否达标", "说明" } };
        indicators.AddRange(r.Indicators.Select(i => new object?[]
        {
            i.Value.Name, Bureaus.DisplayName(i.Value.Bureau), i.Value.Value, ExportIndicators.TargetText(i.Value), ExportIndicators.MetText(i.Value.Met),
            i.Value.Status == "ok" ? null : "暂无数据：" + i.Value.Reason,
        }));
        var trend = new List<object?[]> { years.Select(y => (object?)$"{y} 年").Prepend("指标").ToArray() };
        trend.AddRange(r.Indicators.Select(i => i.Trend.Select(t => (object?)t.Value).Prepend(i.Value.Name).ToArray()));
        var ranking = new List<object?[]> { new object?[] { "名次", "地区", "达标项数", "有目标且有值的项数", "达标比例（%）" } };
        ranking.AddRange(r.Ranking.Select(x => new object?[] { x.Rank, x.Name, x.Met, x.Judged, x.MetShare }));
        var taskRows = new List<object?[]> { new object?[] { "序号", "任务", "牵头部门", "时限", "状态" } };
        taskRows.AddRange(r.Tasks.Select(t => new object?[] { t.Number, t.Text, t.LeadBureauName, t.Deadline?.ToString("yyyy-MM-dd"), t.StatusName }));
        await audit.RecordAsync("targets.report.export", "region", r.RegionCode, null, $"year={r.Year}");
        return TypedResults.File(Xlsx.Build(("指标", indicators), ("趋势", trend), ("下级地区排名", ranking), ("政策任务", taskRows)), Xlsx.ContentType,
            $"年度考核-{r.RegionCode}-{r.Year}.xlsx");
    }

    private async Task<EvaluationReport> BuildAsync(string? regionCode, int? year, CancellationToken ct)
    {
        var period = evaluator.Period(regionCode, year);
        var rows = new List<ReportIndicator>();
        foreach (var i in evaluator.Catalog.All)
        {
            var value = await evaluator.EvaluateAsync(i, period, ct);
            rows.Add(new ReportIndicator(value, await GetIndicatorTrend.TrendAsync(evaluator, i, period, 5, ct)));
        }
        var values = rows.Select(r => r.Value).ToList();
        var ranking = Rank(values);
        var taskList = await tasks.LoadAsync(period.RegionCode, null, ct);
        return new EvaluationReport(period.RegionCode, values[0].RegionName, period.Year, clock.GetUtcNow(), values.Count(v => v.Met == true),
            values.Count(v => v.Met == false), values.Count(v => v.Status == "ok" && v.Target is null), values.Count(v => v.Status == "no-data"),
            rows, ranking, taskList);
    }

    /// <summary>Sub-regions by the share of judged indicators they meet, then by the number met, then by code.</summary>
    internal static IReadOnlyList<RegionRanking> Rank(IReadOnlyList<IndicatorValue> values)
    {
        var byRegion = values.SelectMany(v => v.Breakdown).GroupBy(b => (b.RegionCode, b.Name)).Select(g =>
        {
            var judged = g.Count(b => b.Met is not null);
            var met = g.Count(b => b.Met == true);
            return (g.Key.RegionCode, g.Key.Name, Met: met, Judged: judged, Share: TargetRules.Rate(met, judged));
        }).OrderByDescending(x => x.Share ?? -1).ThenByDescending(x => x.Met).ThenBy(x => x.RegionCode, StringComparer.Ordinal).ToList();
        return [.. byRegion.Select((x, n) => new RegionRanking(n + 1, x.RegionCode, x.Name, x.Met, x.Judged, x.Share))];
    }
}
