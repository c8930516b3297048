using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.Referrals.Pages;

/// <summary>发起转诊: up (转出单) or down (回转单 fields) from the user's organization.</summary>
[Authorize(Policy = ReferralPolicies.Use)]
public sealed class CreateModel(CreateReferral create, ReferralTargets targets, ElderPicker picker) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public long? ElderId { get; set; }
    [BindProperty] public bool ElderConfirmed { get; set; }
    [FromQuery(Name = "elderQ")] public string? ElderQ { get; set; }
    public ElderPickerView? Picker { get; private set; }
    [BindProperty] public string Direction { get; set; } = "up";
    [BindProperty] public long? FromOrganizationId { get; set; }
    [BindProperty] public long? ToOrganizationId { get; set; }
    [BindProperty] public string? ToDepartment { get; set; }
    [BindProperty] public string? Destination { get; set; }
    [BindProperty] public string? Indication { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string Urgency { get; set; } = "routine";
    [BindProperty] public string? InitialImpression { get; set; }
    [BindProperty] public string? PresentHistory { get; set; }
    [BindProperty] public string? PastHistory { get; set; }
    [BindProperty] public string? TreatmentSoFar { get; set; }
    [BindProperty] public string? Diagnosis { get; set; }
    [BindProperty] public string? InpatientNo { get; set; }
    [BindProperty] public string? MainResults { get; set; }
    [BindProperty] public string? TreatmentCourse { get; set; }
    [BindProperty] public string? NextStepAdvice { get; set; }
    [BindProperty] public string? ReferringDoctor { get; set; }
    public IReadOnlyList<OrganizationOption> Targets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Targets = await targets.ListAsync(ct);
        Picker = await picker.LoadAsync("referral-form", ElderId, ElderQ, ElderConfirmed, ErrorFor("elderId"), ct);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var r = await SendAsync(ct);
            TempData["Message"] = "转诊申请已发出，等待对方接收。";
            return Redirect($"/Referrals/Details/{r.Id}");
        }, () => LoadAsync(ct));

    /// <summary>Sends the referral; an elder out of reach is a message beside the elder field (not a 404 page).</summary>
    private async Task<ReferralDto> SendAsync(CancellationToken ct)
    {
        ElderPicker.DemandConfirmed(ElderId, ElderConfirmed);
        try
        {
            return await create.HandleAsync(new ReferralInput(Direction, ElderId, FromOrganizationId, ToOrganizationId, ToDepartment, Destination,
                Indication, Reason, Urgency, InitialImpression, PresentHistory, PastHistory, TreatmentSoFar,
                Diagnosis, InpatientNo, MainResults, TreatmentCourse, NextStepAdvice, ReferringDoctor), ct);
        }
        catch (NotFoundException e)
        {
            throw ValidationFailedException.For("elderId", e.Message);
        }
    }
}
