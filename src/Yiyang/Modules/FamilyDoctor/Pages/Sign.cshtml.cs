using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.FamilyDoctor.Pages;

/// <summary>签约 form: elder (found with the shared picker, or preselected from the elder's page), team, package, term and who signs.</summary>
[Authorize(Policy = FamilyDoctorPolicies.Write)]
public sealed class SignModel(SignContract signContract, ListTeams listTeams, ListPackages listPackages, ElderPicker picker) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public long? ElderId { get; set; }
    [BindProperty] public bool ElderConfirmed { get; set; }
    [FromQuery(Name = "elderQ")] public string? ElderQ { get; set; }
    public ElderPickerView? Picker { get; private set; }
    [BindProperty] public long? TeamId { get; set; }
    [BindProperty] public long? PackageId { get; set; }
    [BindProperty] public DateOnly? StartDate { get; set; }
    [BindProperty] public int? TermYears { get; set; } = ContractRules.DefaultTermYears;
    [BindProperty] public string SignedBy { get; set; } = "self";
    [BindProperty] public string? ProxyName { get; set; }
    [BindProperty] public string? ProxyRelation { get; set; }
    public IReadOnlyList<TeamDto> Teams { get; private set; } = [];
    public IReadOnlyList<PackageDto> Packages { get; private set; } = [];
    public long? ExistingId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            ElderPicker.DemandConfirmed(ElderId, ElderConfirmed);
            var c = await signContract.HandleAsync(new ContractInput
            {
                ElderId = ElderId,
                TeamId = TeamId,
                PackageId = PackageId,
                StartDate = StartDate,
                TermYears = TermYears,
                SignedBy = SignedBy,
                ProxyName = ProxyName,
                ProxyRelation = ProxyRelation,
            }, ct);
            TempData["Message"] = "已签约。";
            return Redirect($"/FamilyDoctor/Details/{c.Id}");
        }
        catch (NotFoundException)
        {
            FieldErrors["elderId"] = "未找到该老年人，或您无权为其签约。";
            FormError = "提交的信息有误，请按红色提示修改后再提交。";
        }
        catch (AppException e)
        {
            Show(e);
            if (e is ConflictException c && c.Extensions.TryGetValue("existingId", out var id) && id is long existing) ExistingId = existing;
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Teams = await listTeams.HandleAsync(null, ct);
        Packages = (await listPackages.HandleAsync(null, ct)).Where(p => p.Active).ToList();
        Picker = await picker.LoadAsync("sign-form", ElderId, ElderQ, ElderConfirmed, ErrorFor("elderId"), ct);
    }
}
