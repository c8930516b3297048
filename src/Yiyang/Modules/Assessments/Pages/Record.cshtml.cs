using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.Pages;

/// <summary>
/// Records an assessment with the instrument's form: new (<c>?elderId=&amp;code=</c>), a saved one (<c>/Assessments/Record/{id}</c>:
/// drafts are editable and can be signed, signed ones are read-only and can be corrected), or a correction
/// (<c>?correct={id}</c>). Saving and signing call the same handlers as <c>/api/assessments</c>.
/// </summary>
[Authorize(Policy = AssessmentPolicies.Score)]
public sealed class RecordModel(
    AssessmentAccess access, GetAssessment get, RecordAssessment record, EditAssessment edit, CorrectAssessment correct, SignAssessment signer,
    InstrumentCatalog catalog, CurrentUser me, TimeProvider clock) : InstrumentFormModel
{
    [FromRoute] public long? Id { get; set; }
    [FromQuery] public long? ElderId { get; set; }
    [FromQuery] public string? Code { get; set; }
    [FromQuery] public long? Correct { get; set; }

    [BindProperty] public string? Reason { get; set; } = "routine";
    [BindProperty] public string? AssessedOn { get; set; }
    [BindProperty] public List<string> Assessors { get; set; } = ["", "", ""];
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int? Version { get; set; }

    public AssessmentDto? Saved { get; private set; }
    public string ElderName { get; private set; } = "";
    public bool ReadOnly => Saved is not null && Saved.Status != "draft";
    public bool CanWrite => me.Can(ElderPolicies.Write);
    public bool IsGbt42195 => Definition.Code == Gbt42195Scorer.Code;
    public string Today => clock.ChinaToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Where the form's buttons post: this page with the handler and the identifying query.</summary>
    public string ActionUrl(string handler)
    {
        var query = Id is not null ? "" : Correct is { } c ? $"&correct={c}" : $"&elderId={ElderId}&code={Uri.EscapeDataString(Code ?? "")}";
        return $"/Assessments/Record{(Id is { } id ? "/" + id : "")}?handler={handler}{query}";
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            if (Id is { } id || Correct is { } _)
            {
                Saved = await get.HandleAsync(Id ?? Correct!.Value, ct);
                Definition = catalog.Find(Saved.InstrumentCode) ?? throw new NotFoundException();
                ElderName = Saved.ElderName;
                ElderId = Saved.ElderId;
                Fill(Saved.Answers);
                Reason = Saved.Reason;
                AssessedOn = Saved.AssessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                Assessors = [.. Saved.Assessors.Select(a => a.Name), "", ""];
                Version = Saved.Version;
                Result = Rescore();
                if (Correct is not null) Saved = null; // a new version: editable form
                return Page();
            }
            if (ElderId is null || Code is null || catalog.Find(Code) is not { } d) return NotFound();
            Definition = d;
            ElderName = await access.ElderNameAsync(ElderId.Value, ct);
            AssessedOn = Today;
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    private object? Rescore()
    {
        try
        {
            return catalog.Score(Definition.Code, ToScoreRequest().ToAnswers());
        }
        catch (AppException)
        {
            return null;
        }
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => SaveAsync(sign: false, ct);

    public Task<IActionResult> OnPostSignAsync(CancellationToken ct) => SaveAsync(sign: true, ct);

    private async Task<IActionResult> SaveAsync(bool sign, CancellationToken ct)
    {
        try
        {
            if (Id is { } id)
            {
                Saved = await get.HandleAsync(id, ct, audited: false);
                if (Saved.Status != "draft") return Redirect($"/Assessments/Record/{id}");
                Definition = catalog.Find(Saved.InstrumentCode) ?? throw new NotFoundException();
                ElderName = Saved.ElderName;
                ElderId = Saved.ElderId;
            }
            else if (Correct is { } prev)
            {
                var previous = await get.HandleAsync(prev, ct, audited: false);
                Definition = catalog.Find(previous.InstrumentCode) ?? throw new NotFoundException();
                ElderName = previous.ElderName;
                ElderId = previous.ElderId;
            }
            else
            {
                if (ElderId is null || Code is null || catalog.Find(Code) is not { } d) return NotFound();
                Definition = d;
                ElderName = await access.ElderNameAsync(ElderId.Value, ct);
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        ReadForm("Reason", "AssessedOn", "Note", "Version", "handler");
        foreach (var k in Values.Keys.Where(k => k.StartsWith("Assessors", StringComparison.Ordinal)).ToList()) Values.Remove(k);
        return await AttemptAsync(async () =>
        {
            var score = ToScoreRequest();
            DateOnly? on = DateOnly.TryParseExact(AssessedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
            if (on is null && !string.IsNullOrWhiteSpace(AssessedOn))
                throw ValidationFailedException.For("assessedOn", "评估日期格式应为 年-月-日。");
            var input = new AssessmentInput
            {
                ElderId = ElderId,
                InstrumentCode = Definition.Code,
                Reason = Reason,
                AssessedOn = on,
                Assessors = [.. Assessors.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => JsonSerializer.SerializeToElement(a.Trim()))],
                Items = score.Items,
                Coma = score.Coma,
                Diagnoses = score.Diagnoses,
                PsychiatristDiagnosed = score.PsychiatristDiagnosed,
                RiskEvents30d = score.RiskEvents30d,
                Height = score.Height,
                Weight = score.Weight,
                Waist = score.Waist,
                Note = Note,
                Version = Version,
            };
            var saved = Id is { } id ? await edit.HandleAsync(id, input, null, ct)
                : Correct is { } prev ? await correct.HandleAsync(prev, input, ct)
                : await record.HandleAsync(input, ct);
            if (sign) saved = await signer.HandleAsync(saved.Id, null, ct);
            TempData["Message"] = sign ? "评估已签署。" : "已保存为草稿。";
            return Redirect($"/Assessments/Record/{saved.Id}");
        }, () =>
        {
            while (Assessors.Count < 3) Assessors.Add("");
            return Task.CompletedTask;
        });
    }
}
