using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.DailyCare;

namespace Yiyang.Modules.DailyCare.Pages;

/// <summary>
/// One resident's checklist of today, for a caregiver's phone: a big 已完成 button per due item, and beside it the 未完成
/// reason picker. Every button saves at once (one-item batch), so a reload keeps what was recorded.
/// </summary>
[Authorize(Policy = DailyCarePolicies.Record)]
public sealed class ResidentModel(GetStayChecklist checklist, CurrentUser me) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public long? PlanItemId { get; set; }
    [BindProperty] public int? Occurrence { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public long? RecordId { get; set; }
    [BindProperty] public int? Version { get; set; }
    public StayChecklistDto? Checklist { get; private set; }
    public bool MayUseMedicalRoom => me.Can(DailyCarePolicies.Medical);

    /// <summary>The item (plan item and occurrence) the errors belong to.</summary>
    public string? ActiveKey { get; private set; }

    public static string Key(long planItemId, int occurrence) => $"{planItemId}-{occurrence}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRecordAsync([FromServices] RecordDailyCare record, CancellationToken ct)
    {
        try
        {
            await record.HandleAsync(Id, new RecordBatchInput(null, [new RecordEntryInput(PlanItemId, Occurrence, Status, Reason, Note)]), ct);
            TempData["Message"] = Status == "done" ? "已记录：已完成。" : "已记录：未完成。";
            return Redirect($"/DailyCare/Resident/{Id}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (AppException e)
        {
            ActiveKey = Key(PlanItemId ?? 0, Occurrence ?? 1);
            // the batch reports records[0].field; beside the item it is the field alone
            if (e is ValidationFailedException v)
                e = new ValidationFailedException(v.Errors.ToDictionary(kv => kv.Key.Replace("records[0].", "", StringComparison.Ordinal), kv => kv.Value));
            Show(e);
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCorrectAsync([FromServices] CorrectCareRecord correct, CancellationToken ct)
    {
        try
        {
            await correct.HandleAsync(RecordId ?? 0, new CorrectionInput(Status, Reason, Note, Version), null, ct);
            TempData["Message"] = "已更正。";
            return Redirect($"/DailyCare/Resident/{Id}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (AppException e)
        {
            ActiveKey = Key(PlanItemId ?? 0, Occurrence ?? 1);
            Show(e);
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Checklist = await checklist.HandleAsync(Id, null, ct);
            return true;
        }
        catch (NotFoundException) { return false; }
    }
}
