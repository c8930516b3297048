using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.Referrals.Pages;

/// <summary>One referral: the summary, the response times and the buttons of the transitions the user's side may take now.</summary>
[Authorize(Policy = ReferralPolicies.Use)]
public sealed class DetailsModel(GetReferral getReferral, Modules.Institutions.InstitutionService institutions) : FormPageModel
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

    private Task<IActionResult> Step(string form, Func<Task> action, string done, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await action();
            TempData["Message"] = done;
            return Redirect($"/Referrals/Details/{Id}");
        }, () => LoadAsync(ct), form);

    private TransitionInput Body => new(Reason, ReceivingDoctor, Note, Version);

    public Task<IActionResult> OnPostAcceptAsync([FromServices] AcceptReferral accept, CancellationToken ct) =>
        Step("accept", () => accept.HandleAsync(Id, Body, null, ct), "已接收该转诊。", ct);

    public Task<IActionResult> OnPostRejectAsync([FromServices] RejectReferral reject, CancellationToken ct) =>
        Step("reject", () => reject.HandleAsync(Id, Body, null, ct), "已拒绝该转诊。", ct);

    public Task<IActionResult> OnPostWithdrawAsync([FromServices] WithdrawReferral withdraw, CancellationToken ct) =>
        Step("withdraw", () => withdraw.HandleAsync(Id, Body, null, ct), "已撤回该转诊。", ct);

    public Task<IActionResult> OnPostArriveAsync([FromServices] RecordReferralArrival arrive, CancellationToken ct) =>
        Step("arrive", () => arrive.HandleAsync(Id, Body, null, ct), "已登记患者到达。", ct);

    public Task<IActionResult> OnPostCompleteAsync([FromServices] CompleteReferral complete, CancellationToken ct) =>
        Step("complete", () => complete.HandleAsync(Id, Body, null, ct), "转诊已完成。", ct);

    public Task<IActionResult> OnPostOpenSickbedAsync([FromServices] OpenSickbedFromReferral openSickbed, CancellationToken ct) =>
        Step("open-sickbed", () => openSickbed.HandleAsync(Id, new OpenSickbedInput(DiagnosisCode, DiagnosisName, Reason, Version), null, ct),
            "已据此转诊申请家庭病床。", ct);

    public Task<IActionResult> OnPostAdmitAsync([FromServices] AdmitFromReferral admit, CancellationToken ct) =>
        Step("admit", () => admit.HandleAsync(Id, new ReferralAdmitInput(BedId, AdmittedOn, null, null, null, null, Version), null, ct),
            "已据此转诊办理入住。", ct);

    public Task<IActionResult> OnPostAttachAsync([FromServices] AddReferralAttachment attach, CancellationToken ct) =>
        Step("attach", async () =>
        {
            if (Upload is null) throw ValidationFailedException.For("file", "请选择要上传的文件。");
            await using var s = Upload.OpenReadStream();
            await attach.HandleAsync(Id, Upload.FileName, Upload.ContentType, s, Upload.Length, ct);
        }, "附件已上传。", ct);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Referral = await getReferral.HandleAsync(Id, ct);
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
