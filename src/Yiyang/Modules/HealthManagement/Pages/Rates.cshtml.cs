using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Yiyang.Modules.HealthManagement;

namespace Yiyang.Modules.HealthManagement.Pages;

/// <summary>Rates of a region and year with a bar chart and the drill-through list (calls the same service as the API).</summary>
[Authorize(Policy = HealthManagementPolicies.Read)]
public sealed class RatesModel(IndicatorService service, RegionCatalog regions, TimeProvider clock, IOptions<PlatformOptions> platform) : PageModel
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "year")] public int? Year { get; set; }
    [FromQuery(Name = "drill")] public string? Drill { get; set; }
    [FromQuery(Name = "page")] public int? PageNo { get; set; }
    public HealthManagementIndicators? Report { get; private set; }
    public string? Error { get; private set; }
    public List<Region> Areas { get; private set; } = [];
    public int CurrentYear => clock.ChinaToday().Year;

    public string PageUrl(int page) =>
        $"/HealthManagement/Rates?regionCode={Report?.RegionCode}&year={Report?.Year}&drill={Report?.Drill}&page={page}";

    public string DrillUrl(string code) => $"/HealthManagement/Rates?regionCode={Report?.RegionCode}&year={Report?.Year}&drill={code}#records";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var root = await service.DefaultRegionAsync(ct) is { Length: >= 4 } r ? r : platform.Value.DistrictCode;
        if (root.Length > 6) root = root[..6];
        Areas = [.. regions.Find(root) is { } top ? new[] { top } : [], .. regions.TownshipsUnder(root).Where(t => t.Code != root)];
        RegionCode ??= root;
        try
        {
            Report = await service.ComputeAsync(RegionCode, Year, Drill, PageNo, 20, ct);
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }
}
