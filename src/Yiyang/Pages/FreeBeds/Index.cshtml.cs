using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Institutions;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Regions;

namespace Yiyang.Pages.FreeBeds;

/// <summary>Public list of care institutions with free beds (anonymous; no personal data): region and bed-kind filters, one card per institution.</summary>
[AllowAnonymous]
public sealed class IndexModel(FreeBedsService service, RegionCatalog regions) : PageModel
{
    public const string District = Organizations.OrganizationChoices.District;

    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    public IReadOnlyList<FreeBedsInstitutionDto> Institutions { get; private set; } = [];
    public Dictionary<string, string> FieldErrors { get; } = new();

    public string DistrictName => regions.Find(District)?.Name ?? District;
    public IReadOnlyList<Region> Townships => regions.ChildrenOf(District);

    public static readonly (string Code, string Name)[] Kinds =
        [("elder-care", "养老"), ("nursing", "护理型"), ("medical", "医疗"), ("hospice", "安宁疗护")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Institutions = await service.ListAsync(RegionCode, Kind, ct);
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors) FieldErrors[field] = string.Join(" ", messages);
        }
    }
}
