using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>一件许可申请: documents (upload, download), and the actions the user may take on it in its state.</summary>
[Authorize(Policy = SupervisionPolicies.LicensingRead)]
public sealed class LicenceApplicationModel(GetLicenceApplication applications, LicensingAccess access) : FormPageModel
{
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? DocumentType { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? DocumentsRequest { get; set; }
    [BindProperty] public LicenceDecisionForm Decision { get; set; } = new();

    public LicenceApplicationDto Application { get; private set; } = null!;
    public bool Decider => access.IsDecider;
    public bool Applicant => access.User.OrganizationId == Application.OrganizationId || (Application.OnBehalf && access.IsDecider);
    public DateOnly Today => access.Today;
    public int ValidityYears => access.Options.DefaultValidityYears;

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => PageOrNotFoundAsync(() => LoadAsync(id, ct));

    public Task<IActionResult> OnGetDocumentAsync(long id, long documentId, [FromServices] DownloadLicenceDocument download, CancellationToken ct) =>
        FileOrNotFoundAsync(() => download.HandleAsync(id, documentId, ct));

    public Task<IActionResult> OnPostDocumentAsync(long id, [FromServices] AddLicenceDocument add, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            if (Upload is null) throw ValidationFailedException.For("file", "请选择文件。");
            await using var stream = Upload.OpenReadStream();
            await SupervisionUploads.FromFormAsync(Upload.FileName, Upload.ContentType, stream, Upload.Length, null,
                input => add.HandleAsync(id, new LicenceDocumentInput(DocumentType, input.FileName, input.ContentType, input.ContentBase64), ct), ct);
            return Done(id, "材料已上传。");
        }, () => LoadAsync(id, ct), "document");

    public Task<IActionResult> OnPostAcceptAsync(long id, [FromServices] AcceptLicenceApplication accept, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var a = await accept.HandleAsync(id, Version, ct);
            return Done(id, $"已受理，办结期限 {a.DeadlineOn:yyyy-MM-dd}。");
        }, () => LoadAsync(id, ct), "accept");

    public Task<IActionResult> OnPostRequestAsync(long id, [FromServices] RequestLicenceDocuments request, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await request.HandleAsync(id, new DocumentsRequestInput(DocumentsRequest), Version, ct);
            return Done(id, "已告知补正材料。");
        }, () => LoadAsync(id, ct), "request");

    public Task<IActionResult> OnPostReceivedAsync(long id, [FromServices] ReceiveLicenceDocuments receive, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var a = await receive.HandleAsync(id, Version, ct);
            return Done(id, $"补正材料已收到，恢复计时，办结期限 {a.DeadlineOn:yyyy-MM-dd}。");
        }, () => LoadAsync(id, ct), "received");

    public Task<IActionResult> OnPostDecideAsync(long id, [FromServices] DecideLicenceApplication decide, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var d = Decision;
            var a = await decide.HandleAsync(id, new LicenceDecisionInput(d.Outcome, d.Reason, d.LicenceNo, d.ValidFrom, d.ValidTo, d.ElderCareBeds, d.NursingBeds,
                d.MedicalBeds), Version, ct);
            return Done(id, a.LicenceNo is null ? $"已作出决定：{a.StatusName}。" : $"已准予并发证，证号 {a.LicenceNo}。");
        }, () => LoadAsync(id, ct), "decide");

    public Task<IActionResult> OnPostWithdrawAsync(long id, [FromServices] WithdrawLicenceApplication withdraw, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await withdraw.HandleAsync(id, Version, ct);
            return Done(id, "申请已撤回。");
        }, () => LoadAsync(id, ct), "withdraw");

    private RedirectResult Done(long id, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/Supervision/Licensing/{id}");
    }

    private async Task LoadAsync(long id, CancellationToken ct) => Application = await applications.HandleAsync(id, ct);
}

/// <summary>The decision form's fields (names as in the API).</summary>
public sealed class LicenceDecisionForm
{
    public string? Outcome { get; set; }
    public string? Reason { get; set; }
    public string? LicenceNo { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public int? ElderCareBeds { get; set; }
    public int? NursingBeds { get; set; }
    public int? MedicalBeds { get; set; }
}
