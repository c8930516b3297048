using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.Referrals.Pages;

/// <summary>回转单: the hospital sends an arrived up-referral back down with diagnosis, results and advice.</summary>
[Authorize(Policy = ReferralPolicies.Use)]
public sealed class ReturnModel(ReturnReferral returnReferral, GetReferral getReferral) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public string? Destination { get; set; }
    [BindProperty] public string? Indication { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string Urgency { get; set; } = "routine";
    [BindProperty] public string? ToDepartment { get; set; }
    [BindProperty] public string? Diagnosis { get; set; }
    [BindProperty] public string? InpatientNo { get; set; }
    [BindProperty] public string? MainResults { get; set; }
    [BindProperty] public string? TreatmentCourse { get; set; }
    [BindProperty] public string? NextStepAdvice { get; set; }
    [BindProperty] public string? ReferringDoctor { get; set; }
    public ReferralDto? Up { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Up!.Actions.Contains("return")) return Redirect($"/Referrals/Details/{Id}");
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var down = await returnReferral.HandleAsync(Id, new ReturnInput(Destination, Indication, Reason, Urgency, ToDepartment, Diagnosis, InpatientNo,
                MainResults, TreatmentCourse, NextStepAdvice, ReferringDoctor), null, ct);
            TempData["Message"] = "回转单已发出，等待原转出机构接收。";
            return Redirect($"/Referrals/Details/{down.Id}");
        }, () => LoadAsync(ct));

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Up = await getReferral.HandleAsync(Id, ct, audited: false);
            return true;
        }
        catch (NotFoundException) { return false; }
    }
}
