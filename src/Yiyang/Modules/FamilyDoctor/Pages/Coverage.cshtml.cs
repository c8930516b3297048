using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.FamilyDoctor.Pages;

[Authorize(Policy = FamilyDoctorPolicies.Read)]
public sealed class CoverageModel(
    GetCoverage coverage, RegionCatalog regions, CurrentUser me, TimeProvider clock, IOptions<PlatformOptions> platform) : PageModel
{
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "year")] public int? Year { get; set; }
    public CoverageReport? Report { get; private set; }
    public string? Error { get; private set; }
    public List<Region> Areas { get; private set; } = [];
    public int CurrentYear => clock.ChinaToday().Year;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var root = platform.Value.RootFor(me, 6);
        Areas = [.. regions.Find(root) is { } top ? new[] { top } : [], .. regions.TownshipsUnder(root).Where(t => t.Code != root)];
        RegionCode ??= root;
        try
        {
            Report = await coverage.HandleAsync(RegionCode, Year, ct);
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }
}
