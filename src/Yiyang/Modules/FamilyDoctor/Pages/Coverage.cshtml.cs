using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Regions;
using Yiyang.Platform.Security;

namespace Yiyang.Modules.FamilyDoctor.Pages;

[Authorize(Policy = Policies.FamilyDoctorRead)]
public sealed class CoverageModel(FamilyDoctorService service, RegionCatalog regions, CurrentUser me, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "year")] public int? Year { get; set; }
    public CoverageReport? Report { get; private set; }
    public string? Error { get; private set; }
    public List<Region> Areas { get; private set; } = [];
    public int CurrentYear => clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var root = me.RegionCode is { Length: >= 6 } r ? r : "610202";
        Areas = [.. regions.Find(root) is { } top ? new[] { top } : [], .. regions.TownshipsUnder(root).Where(t => t.Code != root)];
        RegionCode ??= root;
        try
        {
            Report = await service.CoverageAsync(RegionCode, Year, ct);
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }
}
