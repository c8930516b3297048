using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>
/// 现场检查 (phone-friendly): a drawn inspector records the items, adds photos, has the organization's representative sign
/// on the screen and finishes; the finished record shows the result, and failed items become findings. The plan's
/// regulators and the organization's admin read finished records.
/// </summary>
[Authorize(Policy = SupervisionPolicies.ReadInspections)]
public sealed class InspectionModel(GetInspection inspections, CurrentUser me) : FormPageModel
{
    public sealed class ItemForm
    {
        public int Position { get; set; }
        public string? Result { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public List<ItemForm> Items { get; set; } = [];
    [BindProperty] public int Version { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public int? PhotoItem { get; set; }
    [BindProperty] public string? RepresentativeName { get; set; }
    [BindProperty] public string? SignaturePng { get; set; }
    [BindProperty] public List<long> Present { get; set; } = [];
    [BindProperty] public FindingInput Finding { get; set; } = new(null, null, null, null, null);

    public InspectionDto Inspection { get; private set; } = null!;
    public bool MayRecord => me.Can(SupervisionPolicies.Inspect);
    public long? MyId => me.Id;

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => PageOrNotFoundAsync(() => LoadAsync(id, ct));

    public Task<IActionResult> OnGetPhotoAsync(long id, long photoId, [FromServices] DownloadInspectionPhoto download, CancellationToken ct) =>
        FileOrNotFoundAsync(() => download.HandleAsync(id, photoId, ct));

    public Task<IActionResult> OnPostResultsAsync(long id, [FromServices] RecordResults record, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await record.HandleAsync(id, new RecordResultsInput([.. Items.Select(i => new ItemResultInput(i.Position, i.Result, i.Note))]), Version, ct);
            return Done(id, "已保存检查结果。", "results");
        }, () => LoadAsync(id, ct), "results");

    public Task<IActionResult> OnPostPhotoAsync(long id, [FromServices] AddInspectionPhoto add, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            if (Upload is null) throw ValidationFailedException.For("file", "请选择照片。");
            await using var stream = Upload.OpenReadStream();
            await SupervisionUploads.FromFormAsync(Upload.FileName, Upload.ContentType, stream, Upload.Length, PhotoItem,
                input => add.HandleAsync(id, input, ct), ct);
            return Done(id, "已上传照片。", "photos");
        }, () => LoadAsync(id, ct), "photos");

    public Task<IActionResult> OnPostSignAsync(long id, [FromServices] SignInspection sign, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await sign.HandleAsync(id, new SignatureInput(RepresentativeName, SignaturePng), Version, ct);
            return Done(id, "已保存机构代表签名。", "signature");
        }, () => LoadAsync(id, ct), "signature");

    public Task<IActionResult> OnPostFinishAsync(long id, [FromServices] FinishInspection finish, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var i = await finish.HandleAsync(id, new FinishInspectionInput([.. Present.Select(p => (long?)p)]), Version, ct);
            return Done(id, $"检查已完成，结果已形成：{i.OutcomeName}。应于 {i.PublicationDueOn:yyyy-MM-dd} 前公示。", "result");
        }, () => LoadAsync(id, ct), "finish");

    public Task<IActionResult> OnPostFindingAsync(long id, [FromServices] CreateFinding create, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var f = await create.HandleAsync(id, Finding, ct);
            return Done(id, $"已下达整改：第 {f.ItemPosition} 项，限 {f.DueOn:yyyy-MM-dd} 前完成。", "findings");
        }, () => LoadAsync(id, ct), "finding");

    private RedirectResult Done(long id, string message, string anchor)
    {
        TempData["Message"] = message;
        return Redirect($"/Supervision/Inspections/{id}#{anchor}");
    }

    private async Task LoadAsync(long id, CancellationToken ct) => Inspection = await inspections.HandleAsync(id, ct);
}
