using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Targets.Pages;

/// <summary>
/// One indicator for a region and year: definition, value against target, five-year trend, the regions one level down,
/// the members counted and not counted, the export, and (for the owning bureau) the target form.
/// </summary>
[Authorize(Policy = TargetsPolicies.Read)]
public sealed class IndicatorModel(IndicatorEvaluator evaluator, GetIndicator get, GetIndicatorTrend trend, GetIndicatorMembers members,
    SetTarget setTarget, RegionCatalog regions, CurrentUser me, TimeProvider clock) : FormPageModel
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [FromRoute(Name = "code")] public string Code { get; set; } = "";
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "year")] public int? Year { get; set; }
    [FromQuery(Name = "list")] public string? List { get; set; }
    [FromQuery(Name = "page")] public int? PageNo { get; set; }

    [BindProperty] public decimal? TargetValue { get; set; }
    [BindProperty] public string? TargetComparison { get; set; }
    [BindProperty] public string? TargetBasis { get; set; }

    public IndicatorDefinition? Definition { get; private set; }
    public IndicatorValue? Value { get; private set; }
    public IReadOnlyList<IndicatorTrendPoint> Trend { get; private set; } = [];
    public IndicatorMembers? Members { get; private set; }
    public string? Error { get; private set; }
    public string? Saved { get; private set; }
    public bool Counted => List != "not-counted";
    public bool MaySetTarget => me.Can(TargetsPolicies.Set) && me.Bureau == Definition?.Bureau;
    public int CurrentYear => clock.ChinaToday().Year;

    public string Query => $"regionCode={Value?.RegionCode}&year={Value?.Year}";

    public string ListUrl(string list, int page) => $"/Targets/Indicator/{Code}?{Query}&list={list}&page={page}#members";

    public string TrendChart => JsonSerializer.Serialize(new
    {
        type = "line",
        labels = Trend.Select(t => t.Year + " 年"),
        values = Trend.Select(t => t.Value),
        target = Value?.Target,
    }, Json);

    public string BreakdownChart => JsonSerializer.Serialize(new
    {
        labels = Value?.Breakdown.Select(b => b.Name) ?? [],
        values = Value?.Breakdown.Select(b => b.Value) ?? [],
        target = Value?.Target,
    }, Json);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (evaluator.Catalog.Find(Code) is null) return NotFound();
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var region = RegionCode ?? me.RegionCode;
            await setTarget.HandleAsync(new TargetInput(Code, region, Year ?? CurrentYear, TargetValue, TargetComparison, TargetBasis), ct);
            return Redirect($"/Targets/Indicator/{Code}?regionCode={region}&year={Year ?? CurrentYear}&saved=1");
        }, () => LoadAsync(ct), "target");

    private async Task LoadAsync(CancellationToken ct)
    {
        Definition = evaluator.Catalog.Find(Code)?.Definition;
        if (Request.Query.ContainsKey("saved")) Saved = "目标已保存。";
        try
        {
            Value = await get.HandleAsync(Code, RegionCode, Year, ct);
            Trend = await trend.HandleAsync(Code, Value.RegionCode, Value.Year, 5, ct);
            if (Value.Status == "ok" && (Counted || Value.Denominator is not null))
                Members = await members.HandleAsync(Code, Value.RegionCode, Value.Year, Counted, PageNo, 20, ct);
            TargetValue ??= Value.Target;
            TargetComparison ??= Value.Comparison;
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

    public string TownshipName(string code) => regions.Find(code)?.Name ?? code;
}
