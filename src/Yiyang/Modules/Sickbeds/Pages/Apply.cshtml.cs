using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;
using Yiyang.Modules.Sickbeds;

namespace Yiyang.Modules.Sickbeds.Pages;

/// <summary>申请家庭病床: elder (the shared picker), applying medical institution (staff: their own), reason and diagnosis.</summary>
[Authorize(Policy = SickbedPolicies.Write)]
public sealed class ApplyModel(ApplyForSickbed apply, OrganizationService organizations, CurrentUser me, ElderPicker picker) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public long? ElderId { get; set; }
    [BindProperty] public bool ElderConfirmed { get; set; }
    [FromQuery(Name = "elderQ")] public string? ElderQ { get; set; }
    public ElderPickerView? Picker { get; private set; }
    [BindProperty] public long? OrganizationId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? DiagnosisCode { get; set; }
    [BindProperty] public string? DiagnosisName { get; set; }
    [BindProperty] public DateOnly? AppliedOn { get; set; }
    public long? ExistingId { get; private set; }
    /// <summary>The city operator chooses the institution; staff apply for their own.</summary>
    public IReadOnlyList<OrganizationDto> Institutions { get; private set; } = [];
    public bool ChoosesInstitution => !Roles.InstitutionStaff.Contains(me.Role);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            ElderPicker.DemandConfirmed(ElderId, ElderConfirmed);
            var s = await apply.HandleAsync(new ApplicationInput(ElderId, ChoosesInstitution ? OrganizationId : null, Reason, DiagnosisCode, DiagnosisName, AppliedOn), ct);
            TempData["Message"] = "已提交家庭病床申请，请安排上门评估。";
            return Redirect($"/Sickbeds/Details/{s.Id}");
        }
        catch (NotFoundException)
        {
            FieldErrors["elderId"] = "未找到该老年人，或您无权为其申请。";
            FormError = "提交的信息有误，请按红色提示修改后再提交。";
        }
        catch (AppException e)
        {
            Show(e);
            if (e.Extensions.TryGetValue("existingId", out var id) && id is long existing) ExistingId = existing;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Picker = await picker.LoadAsync("apply-form", ElderId, ElderQ, ElderConfirmed, ErrorFor("elderId"), ct);
        if (!ChoosesInstitution) return;
        var all = await organizations.ListAsync(new OrganizationQuery(null, null, null, null, 1, 200), ct);
        Institutions = all.Items.Where(o => o.Kind != "elderly-care").ToList();
    }
}
