using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>一项整改事项: the organization's admin answers with text and evidence; a drawn inspector re-checks (closed or escalated).</summary>
[Authorize(Policy = SupervisionPolicies.ReadInspections)]
public sealed class FindingModel(GetFinding findings, CurrentUser me) : FormPageModel
{
    [BindProperty] public string? ResponseText { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int Version { get; set; }

    public FindingDto Finding { get; private set; } = null!;
    public bool MayAnswer => me.Can(SupervisionPolicies.AnswerFindings) && InspectionRules.MayRespond(Finding.Status);
    public bool MayRecheck => me.Can(SupervisionPolicies.Inspect) && Finding.Status is "open" or "answered";

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => PageOrNotFoundAsync(() => LoadAsync(id, ct));

    public Task<IActionResult> OnGetEvidenceAsync(long id, long fileId, [FromServices] DownloadFindingEvidence download, CancellationToken ct) =>
        FileOrNotFoundAsync(() => download.HandleAsync(id, fileId, ct));

    public Task<IActionResult> OnPostRespondAsync(long id, [FromServices] RespondToFinding respond, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await respond.HandleAsync(id, new FindingResponseInput(ResponseText), Version, ct);
            return Done(id, "已反馈整改情况，等待监督员复查。");
        }, () => LoadAsync(id, ct), "respond");

    public Task<IActionResult> OnPostEvidenceAsync(long id, [FromServices] AddFindingEvidence add, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            if (Upload is null) throw ValidationFailedException.For("file", "请选择文件。");
            await using var stream = Upload.OpenReadStream();
            await SupervisionUploads.FromFormAsync(Upload.FileName, Upload.ContentType, stream, Upload.Length, null, input => add.HandleAsync(id, input, ct), ct);
            return Done(id, "已上传佐证材料。");
        }, () => LoadAsync(id, ct), "evidence");

    public Task<IActionResult> OnPostRecheckAsync(long id, [FromServices] RecheckFinding recheck, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var f = await recheck.HandleAsync(id, new RecheckInput(Outcome, Note), Version, ct);
            return Done(id, $"复查完成：{f.StatusName}。");
        }, () => LoadAsync(id, ct), "recheck");

    private RedirectResult Done(long id, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/Supervision/Findings/{id}");
    }

    private async Task LoadAsync(long id, CancellationToken ct) => Finding = await findings.HandleAsync(id, ct);
}
