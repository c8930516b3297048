using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>双随机抽查结果公示 (anonymous, rate-limited): a region (default: the platform's district) and a year.</summary>
[AllowAnonymous]
[EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class PublicResultsModel(PublicInspectionResults results, TimeProvider clock, RegionCatalog regions) : PageModel
{
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "year")] public int? Year { get; set; }
    public PublicResultsDto? Results { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<Region> Districts { get; private set; } = [];

    public async Task OnGetAsync([FromServices] Microsoft.Extensions.Options.IOptions<PlatformOptions> platform, CancellationToken ct)
    {
        var city = platform.Value.CityCode;
        var district = platform.Value.DistrictCode;
        Districts = regions.ChildrenOf(city);
        Year ??= clock.ChinaToday().Year;
        RegionCode = string.IsNullOrWhiteSpace(RegionCode) ? district : RegionCode.Trim();
        try
        {
            Results = await results.HandleAsync(RegionCode, Year, ct);
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }
}
