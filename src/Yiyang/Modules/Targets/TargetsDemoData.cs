namespace Yiyang.Modules.Targets;

/// <summary>
/// The seeds' numeric targets as demo targets (docs/domain/targets.md#seed-targets): 王益区's 2016–2020 task table, each
/// 2020 value carried forward to the current year, and 西安's 2025 values as an example city.
/// </summary>
public static class TargetsDemoData
{
    private sealed record SeedRow(string Code, string Region, int FirstYear, decimal[] Values, string Basis);

    private static readonly SeedRow[] Rows =
    [
        new("elder-health-management-rate", "610202", 2016, [85, 85, 90, 95, 95], "王益区医养结合试点工作任务表 第 26 项"),
        new("care-home-cooperation-rate", "610202", 2016, [20, 70, 80, 100, 100], "王益区医养结合试点工作任务表 第 6 项"),
        new("key-population-signing-rate", "610202", 2018, [50, 90, 95], "王益区医养结合试点工作任务表 第 13 项"),
        new("tcm-hall-coverage", "610202", 2020, [100], "王益区医养结合试点工作任务表 第 14 项（全覆盖）"),
        new("tcm-health-management-rate", "6101", 2025, [70], "西安市 2025 年目标"),
        new("geriatrics-department-share", "6101", 2025, [85], "西安市 2025 年目标"),
        new("random-inspection-ratio", "6101", 2025, [3], "西安市：每年随机抽查比例不低于 3%"),
    ];

    public static Task SeedAsync(YiyangDb db, DateTimeOffset now, CancellationToken ct)
    {
        var thisYear = now.ChinaDate().Year;
        foreach (var r in Rows)
        {
            var last = r.Region == "610202" ? thisYear : r.FirstYear + r.Values.Length - 1; // 王益区: the last value carried forward
            for (var y = r.FirstYear; y <= last; y++)
            {
                var i = y - r.FirstYear;
                var carried = i >= r.Values.Length;
                db.Add(new IndicatorTarget
                {
                    IndicatorCode = r.Code,
                    RegionCode = r.Region,
                    Year = y,
                    Value = r.Values[Math.Min(i, r.Values.Length - 1)],
                    Comparison = TargetComparison.AtLeast,
                    Basis = carried ? r.Basis + "（沿用 2020 年目标）" : r.Basis,
                    SetByUser = "demo",
                    SetAt = now,
                });
            }
        }
        return db.SaveChangesAsync(ct);
    }
}
