using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Referrals;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Referrals.Pages;

/// <summary>One referral: the summary, the response times and the buttons of the transitions the user's side may take now.</summary>
[Authorize(Policy = Policies.Referrals)]
public sealed class DetailsModel(ReferralService service, Modules.Sickbeds.SickbedService sickbeds, Modules.Institutions.InstitutionService institutions) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ReceivingDoctor { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? DiagnosisCode { get; set; }
    [BindProperty] public string? DiagnosisName { get; set; }
    [BindProperty] public long? BedId { get; set; }
    [BindProperty] public DateOnly? AdmittedOn { get; set; }
    /// <summary>Free beds of the receiving institution (for the admission from a down-referral).</summary>
    public IReadOnlyList<Modules.Institutions.BedDto> FreeBeds { get; private set; } = [];
    public ReferralDto? Referral { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public bool Can(string action) => Referral?.Actions.Contains(action) == true;

    private async Task<IActionResult> Step(string form, Func<Task> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["Message"] = done;
            return Redirect($"/Referrals/Details/{Id}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (AppException e) { ActiveForm = form; Show(e); }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private Task<IActionResult> Transition(ReferralAction action, string done, CancellationToken ct) =>
        Step(action.ToString().ToLowerInvariant(), () => service.TransitionAsync(Id, action, new TransitionInput(Reason, ReceivingDoctor, Note, Version), null, ct), done, ct);

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) => Transition(ReferralAction.Accept, "已接收该转诊。", ct);
    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) => Transition(ReferralAction.Reject, "已拒绝该转诊。", ct);
    public Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct) => Transition(ReferralAction.Withdraw, "已撤回该转诊。", ct);
    public Task<IActionResult> OnPostArriveAsync(CancellationToken ct) => Transition(ReferralAction.Arrive, "已登记患者到达。", ct);
    public Task<IActionResult> OnPostCompleteAsync(CancellationToken ct) => Transition(ReferralAction.Complete, "转诊已完成。", ct);

    public Task<IActionResult> OnPostOpenSickbedAsync(CancellationToken ct) =>
        Step("open-sickbed", () => service.OpenSickbedAsync(Id, new OpenSickbedInput(DiagnosisCode, DiagnosisName, Reason, Version), null, sickbeds, ct),
            "已据此转诊申请家庭病床。", ct);

    public Task<IActionResult> OnPostAdmitAsync(CancellationToken ct) =>
        Step("admit", () => service.AdmitAsync(Id, new ReferralAdmitInput(BedId, AdmittedOn, null, null, null, null, Version), null, institutions, ct),
            "已据此转诊办理入住。", ct);

    public Task<IActionResult> OnPostAttachAsync(CancellationToken ct) =>
        Step("attach", async () =>
        {
            if (Upload is null) throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = ["请选择要上传的文件。"] });
            await using var s = Upload.OpenReadStream();
            await service.AddAttachmentAsync(Id, Upload.FileName, Upload.ContentType, s, Upload.Length, ct);
        }, "附件已上传。", ct);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Referral = await service.GetAsync(Id, ct);
            if (Referral.FollowUps?.Contains("admit") == true)
            {
                try
                {
                    FreeBeds = (await institutions.ListBedsAsync(Referral.To.Id, ct)).Where(b => b.Occupant is null).ToList();
                }
                catch (AppException)
                {
                    FreeBeds = []; // not an institution with beds (e.g. a community health centre): no admission form
                }
            }
            return true;
        }
        catch (NotFoundException) { return false; }
    }
}
