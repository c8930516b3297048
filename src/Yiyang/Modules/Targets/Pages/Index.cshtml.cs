using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiyang.Modules.Targets.Pages;

/// <summary>考核看板: every indicator of a region and year against its target (the same use case as the API).</summary>
[Authorize(Policy = TargetsPolicies.Read)]
public sealed class IndexModel(GetIndicatorDashboard dashboard, RegionCatalog regions, CurrentUser me, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "year")] public int? Year { get; set; }
    public IndicatorDashboard? Dashboard { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<Region> Areas { get; private set; } = [];
    public int CurrentYear => clock.ChinaToday().Year;

    public string Query => $"regionCode={Dashboard?.RegionCode}&year={Dashboard?.Year}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Areas = TargetPages.Areas(regions, me.RegionCode);
        try
        {
            Dashboard = await dashboard.HandleAsync(RegionCode, Year, ct);
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
        catch (NotFoundException e)
        {
            Error = e.Message;
        }
    }
}

/// <summary>What the targets pages share: the regions one may choose and how values read.</summary>
public static class TargetPages
{
    /// <summary>The user's region, the regions under it and, for a district or smaller, its townships (at most three levels).</summary>
    public static IReadOnlyList<Region> Areas(RegionCatalog regions, string? root)
    {
        if (root is null || regions.Find(root) is not { } top) return [];
        var list = new List<Region> { top };
        foreach (var child in regions.ChildrenOf(top.Code))
        {
            list.Add(child);
            if (top.Code.Length >= 4) list.AddRange(regions.ChildrenOf(child.Code));
        }
        return list;
    }

    public static string Value(decimal? v, string unit) => v is not { } x ? "—" : unit == "percent" ? x.ToString("0.00") + "%" : x.ToString("0");

    public static string Target(decimal? t, string? comparison, string unit) =>
        t is not { } x ? "未设定" : $"{(comparison == "at-most" ? "≤" : "≥")} {x:0.##}{(unit == "percent" ? "%" : " 个")}";

    public static string Met(bool? met) => met switch { true => "达标", false => "未达标", null => "—" };

    public static string MetClass(bool? met) => met switch { true => "status-ok", false => "status-below", null => "" };
}
