using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.HealthManagement;

namespace Yiyang.Modules.HealthManagement.Pages;

/// <summary>
/// The TCM record form: the 33 questions of <c>tcm-constitution-65</c> as large radio buttons, the measurements that
/// preset Q9/Q28, the five guidance areas; the result is the existing scorer's.
/// </summary>
[Authorize(Policy = HealthManagementPolicies.Read)]
public sealed class TcmModel(
    HealthManagementAccess service, GetTcmRecord get, RecordTcmRecord record, EditTcmRecord edit, SignTcmRecord sign, InstrumentCatalog catalog)
    : FormPageModel
{
    [FromRoute] public long? Id { get; set; }
    [FromQuery] public long? ElderId { get; set; }
    [BindProperty] public string? AssessedOn { get; set; }
    [BindProperty] public decimal? Height { get; set; }
    [BindProperty] public decimal? Weight { get; set; }
    [BindProperty] public decimal? Waist { get; set; }
    [BindProperty] public List<string> GuidanceTopics { get; set; } = [];
    [BindProperty] public int? Version { get; set; }

    public InstrumentDefinition Definition => catalog.Get(TcmConstitutionScorer.Code);
    public TcmDto? Saved { get; private set; }
    public TcmResult? Result { get; private set; }
    public string ElderName { get; private set; } = "";
    public bool CanWrite => service.CanWrite;
    public bool ReadOnly => !CanWrite || Saved?.Status == "signed";
    public Dictionary<string, string> Answers { get; } = new();

    public string ActionUrl(string handler) =>
        $"/HealthManagement/Tcm{(Id is { } id ? "/" + id : "")}?handler={handler}{(Id is null ? $"&elderId={ElderId}" : "")}";

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            Saved = await get.HandleAsync(id, ct);
            ElderId = Saved.ElderId;
            ElderName = Saved.ElderName;
            Result = Saved.Result.Deserialize<TcmResult>(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        else if (ElderId is { } e)
        {
            ElderName = (await service.ElderAsync(e, ct)).Name;
        }
        else
        {
            throw new NotFoundException();
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            await LoadAsync(ct);
            if (Saved is { } s)
            {
                AssessedOn = s.AssessedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (s.Answers.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object)
                    foreach (var p in items.EnumerateObject()) Answers[p.Name] = p.Value.ToString();
                Height = s.Answers.TryGetProperty("height", out var h) && h.ValueKind == JsonValueKind.Number ? h.GetDecimal() : null;
                Weight = s.Answers.TryGetProperty("weight", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetDecimal() : null;
                Waist = s.Answers.TryGetProperty("waist", out var wa) && wa.ValueKind == JsonValueKind.Number ? wa.GetDecimal() : null;
                GuidanceTopics = [.. s.GuidanceTopics];
                Version = s.Version;
            }
            else
            {
                AssessedOn = service.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                GuidanceTopics = [.. TcmRecords.Topics.Select(t => t.Code)];
            }
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        try
        {
            await LoadAsync(ct);
            if (Saved?.Status == "signed") return Redirect($"/HealthManagement/Tcm/{Saved.Id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        var items = new Dictionary<string, JsonElement>();
        foreach (var item in Definition.AllItems)
        {
            var raw = Request.Form[AnswerValidation.ItemField(item.Key)].ToString().Trim();
            if (raw.Length == 0) continue;
            Answers[item.Key] = raw;
            if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) items[item.Key] = JsonSerializer.SerializeToElement(n);
        }
        var input = new TcmInput
        {
            ElderId = ElderId,
            AssessedOn = DateOnly.TryParseExact(AssessedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
            Items = items,
            Height = Height,
            Weight = Weight,
            Waist = Waist,
            GuidanceTopics = GuidanceTopics,
            Version = Version,
        };
        try
        {
            var dto = Saved is null ? await record.HandleAsync(input, ct) : await edit.HandleAsync(Saved.Id, input, null, ct);
            TempData["Message"] = dto.Complete ? "已保存，记录完整。" : "已保存；保健指导须覆盖五个方面才计入中医药健康管理率。";
            return Redirect($"/HealthManagement/Tcm/{dto.Id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            Show(e);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostSignAsync(CancellationToken ct)
    {
        if (Id is not { } id) return NotFound();
        try
        {
            await sign.HandleAsync(id, Version, ct);
            TempData["Message"] = "记录已签署。";
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            TempData["Message"] = e.Message;
        }
        return Redirect($"/HealthManagement/Tcm/{id}");
    }
}
