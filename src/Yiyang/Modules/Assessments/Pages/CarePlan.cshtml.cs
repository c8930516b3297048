using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Assessments.CarePlans;

namespace Yiyang.Modules.Assessments.Pages;

/// <summary>
/// A care plan (照护计划): view; a draft is edited and confirmed; a confirmed plan is ended or revised. <c>?elderId=</c> with
/// the Propose handler creates a draft proposed from the elder's care level. Calls the same handlers as <c>/api/care-plans</c>.
/// </summary>
[Authorize(Policy = AssessmentPolicies.Score)]
public sealed class CarePlanModel(
    GetCarePlan get, ListResponsibleOptions responsible, DraftCarePlan draft, EditCarePlan edit, ConfirmCarePlan confirmPlan, EndCarePlan end,
    ReviseCarePlan revise, CurrentUser me, TimeProvider clock) : FormPageModel
{
    /// <summary>One editable row of the items table (all text, so that bad input comes back as typed).</summary>
    public sealed class ItemRow
    {
        public string? ServiceCode { get; set; }
        public string? ServiceName { get; set; }
        public string? FrequencyCount { get; set; }
        public string? FrequencyUnit { get; set; } = FrequencyUnits.Week;
        /// <summary><c>organization:12</c> or <c>team:3</c>.</summary>
        public string? Responsible { get; set; }
        public string? StartOn { get; set; }
        public string? EndOn { get; set; }
        public bool LtcCovered { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(ServiceCode) && string.IsNullOrWhiteSpace(ServiceName);
    }

    private const int BlankRows = 2;

    [FromRoute] public long? Id { get; set; }
    [FromQuery] public long? ElderId { get; set; }

    [BindProperty] public string? Goals { get; set; }
    [BindProperty] public string? StartOn { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public List<ItemRow> Items { get; set; } = [];
    [BindProperty] public string? EndedOn { get; set; }
    [BindProperty] public string? EndReason { get; set; }

    public CarePlanDto? Plan { get; private set; }
    public IReadOnlyList<ResponsibleOption> ResponsibleOptions { get; private set; } = [];
    public bool CanWrite => me.Can(AssessmentPolicies.CarePlansWrite);
    public bool Editable => CanWrite && Plan?.Status == "draft";
    public string Today => clock.ChinaToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Messages of a field and of its sub-fields (goals, goals[0] …) joined.</summary>
    public string? ErrorsUnder(string prefix)
    {
        var list = FieldErrors.Where(e => e.Key == prefix || e.Key.StartsWith(prefix + "[", StringComparison.Ordinal) || e.Key.StartsWith(prefix + ".", StringComparison.Ordinal))
            .Select(e => e.Value).ToList();
        return list.Count == 0 ? null : string.Join(" ", list);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null) return ElderId is { } e ? Redirect($"/Assessments/Elder/{e}") : NotFound();
        if (!await LoadAsync(ct, audited: true)) return NotFound();
        FillFromPlan();
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct, bool audited = false)
    {
        try
        {
            Plan = await get.HandleAsync(Id!.Value, ct, audited);
            if (Plan.Status == "draft" && CanWrite) ResponsibleOptions = await responsible.HandleAsync(Plan.ElderId, ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private void FillFromPlan()
    {
        var p = Plan!;
        Goals = string.Join("\n", p.Goals);
        StartOn = D(p.StartOn);
        Note = p.Note;
        Version = p.Version;
        Items = p.Items.Select(i => new ItemRow
        {
            ServiceCode = i.ServiceCode,
            ServiceName = i.ServiceName,
            FrequencyCount = i.FrequencyCount.ToString(CultureInfo.InvariantCulture),
            FrequencyUnit = i.FrequencyUnit,
            Responsible = $"{i.ResponsibleKind}:{(i.ResponsibleTeamId ?? i.ResponsibleOrganizationId)?.ToString(CultureInfo.InvariantCulture)}",
            StartOn = D(i.StartOn),
            EndOn = i.EndOn is { } e ? D(e) : null,
            LtcCovered = i.LtcCovered,
        }).ToList();
        PadRows();
    }

    private void PadRows()
    {
        Items.RemoveAll(r => r is null);
        var blanks = Items.Count(r => r.IsBlank);
        for (var i = blanks; i < BlankRows; i++) Items.Add(new ItemRow { StartOn = StartOn });
    }

    private static bool TryDate(string? s, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(s)) return true;
        if (!DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        date = d;
        return true;
    }

    /// <summary>The posted form as the API body; unparseable numbers and dates are field errors (keyed like the API).</summary>
    private CarePlanInput ToInput()
    {
        var errors = new FieldErrors();
        if (!TryDate(StartOn, out var start)) errors.Add("startOn", "日期格式应为 年-月-日。");
        var items = new List<CarePlanItemInput>();
        var rows = Items.Where(r => r is not null && !r.IsBlank).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            int? count = int.TryParse(r.FrequencyCount, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
            if (count is null && !string.IsNullOrWhiteSpace(r.FrequencyCount)) errors.Add($"items[{i}].frequencyCount", "频次请填写整数。");
            long? org = null, team = null;
            var parts = (r.Responsible ?? "").Split(':');
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rid))
            {
                if (parts[0] == Responsible.Team) team = rid;
                else org = rid;
            }
            if (!TryDate(r.StartOn, out var s)) errors.Add($"items[{i}].startOn", "日期格式应为 年-月-日。");
            if (!TryDate(r.EndOn, out var e)) errors.Add($"items[{i}].endOn", "日期格式应为 年-月-日。");
            items.Add(new CarePlanItemInput(r.ServiceCode, r.ServiceName, count, r.FrequencyUnit, org, team, s, e, r.LtcCovered));
        }
        errors.ThrowIfAny();
        var goals = (Goals ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        // rows were compacted (blank rows dropped): keep the compacted order so error keys match the rows shown again
        Items = rows;
        return new CarePlanInput(null, goals, items, start, Note, Version);
    }

    public async Task<IActionResult> OnPostProposeAsync(CancellationToken ct)
    {
        if (ElderId is not { } elderId) return NotFound();
        try
        {
            var plan = await draft.HandleAsync(new CarePlanInput(elderId, null, null, null, null, null), ct);
            TempData["Message"] = "已按照护等级生成建议计划（草稿），请核对后确认。";
            return Redirect($"/Assessments/CarePlan/{plan.Id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            TempData["Message"] = e.Message;
            return Redirect($"/Assessments/Elder/{elderId}");
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => await EditAsync(confirm: false, ct);

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) => await EditAsync(confirm: true, ct);

    /// <summary>Saves the draft as posted, then (confirm) confirms it.</summary>
    private async Task<IActionResult> EditAsync(bool confirm, CancellationToken ct)
    {
        if (Id is not { } id) return NotFound();
        try
        {
            var saved = await edit.HandleAsync(id, ToInput(), null, ct);
            if (confirm) await confirmPlan.HandleAsync(id, null, ct);
            TempData["Message"] = confirm ? "照护计划已确认生效。" : "草稿已保存。";
            return Redirect($"/Assessments/CarePlan/{id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            ActiveForm = "edit";
            Show(e);
        }
        if (!await LoadAsync(ct)) return NotFound();
        if (Plan!.Status != "draft") return Redirect($"/Assessments/CarePlan/{id}");
        // a failed confirmation after a successful save: show the saved version
        if (FieldErrors.Count == 0) FillFromPlan();
        else PadRows();
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(CancellationToken ct)
    {
        if (Id is not { } id) return NotFound();
        try
        {
            if (!TryDate(EndedOn, out var on))
                throw ValidationFailedException.For("endedOn", "日期格式应为 年-月-日。");
            await end.HandleAsync(id, new EndPlanInput(on, EndReason), ct);
            TempData["Message"] = "照护计划已结束。";
            return Redirect($"/Assessments/CarePlan/{id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            ActiveForm = "end";
            Show(e);
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReviseAsync(CancellationToken ct)
    {
        if (Id is not { } id) return NotFound();
        try
        {
            var revision = await revise.HandleAsync(id, ct);
            TempData["Message"] = "已生成修订稿（草稿），确认后原计划结束。";
            return Redirect($"/Assessments/CarePlan/{revision.Id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            Show(e);
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }
}
