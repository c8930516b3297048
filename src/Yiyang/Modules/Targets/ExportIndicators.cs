using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Targets;

/// <summary>
/// The .xlsx exports of the officials' views (docs/domain/targets.md#exports): one indicator with its breakdown, trend and
/// drill-through lists (GET /api/indicators/{code}/export.xlsx), and the dashboard (GET /api/indicators/dashboard/export.xlsx).
/// Names stay masked as on the pages; every export is audited.
/// </summary>
public sealed class ExportIndicators(IndicatorEvaluator evaluator, RegionCatalog regions, AuditTrail audit)
{
    /// <summary>Members per list in one export (a township's elders fit; a city's lists are paged on the page instead).</summary>
    public const int MaxMembers = 20_000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/dashboard/export.xlsx", async ([FromQuery] string? regionCode, [FromQuery] int? year, ExportIndicators handler,
                CancellationToken ct) => await handler.DashboardAsync(regionCode, year, ct))
            .Produces(StatusCodes.Status200OK, contentType: Xlsx.ContentType).ProducesProblems(400, 404)
            .WithSummary("导出考核看板（.xlsx）：全部指标的值、目标、是否达标，以及下一级地区分解");
        api.MapGet("/{code}/export.xlsx", async (string code, [FromQuery] string? regionCode, [FromQuery] int? year, ExportIndicators handler,
                CancellationToken ct) => await handler.IndicatorAsync(code, regionCode, year, ct))
            .Produces(StatusCodes.Status200OK, contentType: Xlsx.ContentType).ProducesProblems(400, 404)
            .WithSummary("导出一项指标（.xlsx）：定义、值与目标、下一级地区分解、近 5 年趋势、计入与未计入的对象（姓名脱敏）");
    }

    public async Task<FileContentHttpResult> IndicatorAsync(string code, string? regionCode, int? year, CancellationToken ct)
    {
        var indicator = evaluator.Find(code);
        var period = evaluator.Period(regionCode, year);
        var v = await evaluator.EvaluateAsync(indicator, period, ct);
        var d = indicator.Definition;
        var summary = new List<object?[]>
        {
            new object?[] { "指标", d.Name }, new object?[] { "编码", d.Code }, new object?[] { "地区", v.RegionName }, new object?[] { "年份", v.Year },
            new object?[] { "分子", d.Numerator }, new object?[] { "分母", d.Denominator ?? "（计数指标）" }, new object?[] { "数据来源", d.Sources },
            new object?[] { "政策依据", d.SeedReferences }, new object?[] { "状态", v.Status == "ok" ? "有数据" : "暂无数据：" + v.Reason },
            new object?[] { "分子数", v.Numerator }, new object?[] { "分母数", v.Denominator }, new object?[] { "值", v.Value },
            new object?[] { "目标", TargetText(v) }, new object?[] { "是否达标", MetText(v.Met) }, new object?[] { "统计时间", v.AsOf.ChinaText() },
        };
        var trend = await GetIndicatorTrend.TrendAsync(evaluator, indicator, period, 5, ct);
        var sheets = new List<(string, IReadOnlyList<object?[]>)>
        {
            ("指标", summary),
            ("下级地区", Breakdown(v)),
            ("趋势", [["年份", "分子", "分母", "值", "目标", "是否达标"], .. trend.Select(t => new object?[] { t.Year, t.Numerator, t.Denominator, t.Value, t.Target, MetText(t.Met) })]),
        };
        if (v.Status == "ok")
        {
            sheets.Add(("计入", await MembersAsync(indicator, period, true, ct)));
            if (d.Unit == IndicatorUnit.Percent) sheets.Add(("未计入", await MembersAsync(indicator, period, false, ct)));
        }
        await audit.RecordAsync("targets.indicator.export", "region", period.RegionCode, null, $"{d.Code}; year={period.Year}");
        return TypedResults.File(Xlsx.Build([.. sheets]), Xlsx.ContentType, $"{d.Code}-{period.RegionCode}-{period.Year}.xlsx");
    }

    public async Task<FileContentHttpResult> DashboardAsync(string? regionCode, int? year, CancellationToken ct)
    {
        var period = evaluator.Period(regionCode, year);
        var values = new List<IndicatorValue>();
        foreach (var i in evaluator.Catalog.All) values.Add(await evaluator.EvaluateAsync(i, period, ct));
        var rows = new List<object?[]> { new object?[] { "编码", "指标", "负责部门", "分子", "分母", "值", "单位", "目标", "是否达标", "说明" } };
        rows.AddRange(values.Select(v => new object?[]
        {
            v.Code, v.Name, Bureaus.DisplayName(v.Bureau), v.Numerator, v.Denominator, v.Value, v.Unit == "percent" ? "%" : "个", TargetText(v),
            MetText(v.Met), v.Status == "ok" ? null : "暂无数据：" + v.Reason,
        }));
        var breakdown = new List<object?[]> { new object?[] { "指标", "地区代码", "地区", "分子", "分母", "值", "目标", "是否达标" } };
        foreach (var v in values)
            breakdown.AddRange(v.Breakdown.Select(b => new object?[] { v.Name, b.RegionCode, b.Name, b.Numerator, b.Denominator, b.Value, b.Target, MetText(b.Met) }));
        await audit.RecordAsync("targets.dashboard.export", "region", period.RegionCode, null, $"year={period.Year}");
        return TypedResults.File(Xlsx.Build(("考核看板", rows), ("下级地区", breakdown)), Xlsx.ContentType, $"考核看板-{period.RegionCode}-{period.Year}.xlsx");
    }

    private static List<object?[]> Breakdown(IndicatorValue v) =>
        [["地区代码", "地区", "分子", "分母", "值", "目标", "是否达标"], .. v.Breakdown.Select(b => new object?[] { b.RegionCode, b.Name, b.Numerator, b.Denominator, b.Value, b.Target, MetText(b.Met) })];

    private async Task<List<object?[]>> MembersAsync(IIndicator indicator, IndicatorPeriod period, bool counted, CancellationToken ct)
    {
        var list = await indicator.MembersAsync(period, counted, 0, MaxMembers, ct) ?? [];
        return [["编号", "名称（脱敏）", "乡镇（街道）", "说明"], .. list.Select(m => new object?[] { m.Id, m.Name, regions.Find(m.TownshipCode)?.Name ?? m.TownshipCode, m.Detail })];
    }

    internal static string TargetText(IndicatorValue v) =>
        v.Target is not { } t ? "未设定" : $"{(v.Comparison == "at-most" ? "≤" : "≥")} {t:0.##}{(v.Unit == "percent" ? "%" : "")}";

    internal static string MetText(bool? met) => met switch { true => "达标", false => "未达标", null => "—" };
}
