using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.Institutions.Pages;

/// <summary>
/// Public list of care institutions with free beds (anonymous; no personal data; rate-limited per IP): a district of the
/// platform's city, then optionally one of its townships, and a bed-kind filter; one card per institution. A plain GET
/// form: without script the 查询 button reloads the township list of the chosen district.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class FreeBedsModel(FreeBedsService service, RegionCatalog regions) : PageModel
{
    /// <summary>District or county code of the city (empty = the whole city).</summary>
    [FromQuery(Name = "district")] public string? District { get; set; }
    /// <summary>Township code (older links may carry a district code here too).</summary>
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    public IReadOnlyList<FreeBedsInstitutionDto> Institutions { get; private set; } = [];
    public Dictionary<string, string> FieldErrors { get; } = new();

    /// <summary>The district shown as chosen (also derived from a township code).</summary>
    public string? SelectedDistrict { get; private set; }
    public string? SelectedTownship { get; private set; }

    public Region City => service.City;
    public IReadOnlyList<Region> Districts => service.Districts;
    public IReadOnlyList<Region> TownshipsOf(string district) => regions.ChildrenOf(district);

    public static readonly (string Code, string Name)[] Kinds =
        [("elder-care", "养老"), ("nursing", "护理型"), ("medical", "医疗"), ("hospice", "安宁疗护")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var district = Clean(District);
        var township = Clean(RegionCode);
        // a district code in regionCode (older links, the API's single parameter)
        if (district is null && township is { Length: 6 })
        {
            district = township;
            township = null;
        }
        // a township left over from another district (the district was changed without script): the whole new district
        if (district is not null && township is not null && !RegionCatalog.IsWithin(township, district)) township = null;
        // a township alone: its district is shown as chosen
        if (district is null && township is { Length: > 6 } && service.IsDistrict(township[..6])) district = township[..6];
        if (district is not null && !service.IsDistrict(district))
        {
            FieldErrors["district"] = $"请选择{City.Name}的区县。";
            return;
        }
        SelectedDistrict = district;
        SelectedTownship = township;
        try
        {
            Institutions = await service.ListAsync(township ?? district, Kind, ct);
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors)
                FieldErrors[field == "regionCode" && township is null ? "district" : field] = string.Join(" ", messages);
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
