using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>提交申请: the organization's admin for their own organization; a regulator registers a paper application for one of their region.</summary>
[Authorize(Policy = SupervisionPolicies.LicensingApply)]
public sealed class LicensingApplyModel(SubmitLicenceApplication submit, OrganizationService organizations, LicensingAccess access) : FormPageModel
{
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public long? OrganizationId { get; set; }
    [BindProperty] public int? ElderCareBeds { get; set; }
    [BindProperty] public int? NursingBeds { get; set; }
    [BindProperty] public int? MedicalBeds { get; set; }
    [BindProperty] public string? Note { get; set; }

    public bool OnBehalf => access.IsDecider;
    public IReadOnlyList<LicensingKind> Kinds { get; private set; } = [];
    public IReadOnlyList<OrganizationDto> Organizations { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var a = await submit.HandleAsync(new LicenceApplicationInput(Kind, OnBehalf ? OrganizationId : null, ElderCareBeds, NursingBeds, MedicalBeds, Note), ct);
            TempData["Message"] = "申请已提交，请上传必需材料。";
            return Redirect($"/Supervision/Licensing/{a.Id}");
        }, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        var user = access.User;
        if (OnBehalf)
        {
            Kinds = [.. LicensingKinds.All.Where(k => k.Bureau == user.Bureau)];
            var supervised = OrganizationBureaus.Kinds(user.Bureau);
            Organizations = [.. (await organizations.ListAsync(new OrganizationQuery(null, null, user.RegionCode, null, 1, 200), ct)).Items
                .Where(o => OrganizationKinds.Parse(o.Kind) is { } k && supervised.Contains(k))];
        }
        else if (user.OrganizationId is { } own)
        {
            var org = await organizations.GetAsync(own, ct);
            Kinds = LicensingKinds.For(OrganizationKinds.Parse(org.Kind)!.Value);
            Organizations = [org];
        }
    }
}
