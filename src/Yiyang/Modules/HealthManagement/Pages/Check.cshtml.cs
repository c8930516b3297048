using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.HealthManagement;

namespace Yiyang.Modules.HealthManagement.Pages;

/// <summary>
/// The yearly record form (<c>?elderId=</c> new, <c>/HealthManagement/Check/{id}</c> saved): rendered from the same field
/// table the API validates with; saving and signing call the service behind <c>/api/health-checks</c>.
/// </summary>
[Authorize(Policy = HealthManagementPolicies.Read)]
public sealed class CheckModel(
    HealthManagementAccess service, GetHealthCheck get, RecordHealthCheck record, EditHealthCheck edit, SignHealthCheck sign) : FormPageModel
{
    [FromRoute] public long? Id { get; set; }
    [FromQuery] public long? ElderId { get; set; }
    [BindProperty] public string? CheckedOn { get; set; }
    [BindProperty] public int? Version { get; set; }

    public HealthCheckForm Form => service.Form;
    public HealthCheckDto? Saved { get; private set; }
    public string ElderName { get; private set; } = "";
    public bool CanWrite => service.CanWrite;
    public bool ReadOnly => !CanWrite || Saved?.Status == "signed";

    /// <summary>Values by field path; a multi-choice field holds several.</summary>
    public Dictionary<string, List<string>> Values { get; } = new();

    public string Value(string path) => Values.GetValueOrDefault(path)?.FirstOrDefault() ?? "";

    public bool Has(string path, string code) => Values.GetValueOrDefault(path)?.Contains(code) == true;

    public string ActionUrl(string handler) =>
        $"/HealthManagement/Check{(Id is { } id ? "/" + id : "")}?handler={handler}{(Id is null ? $"&elderId={ElderId}" : "")}";

    private void Fill(JsonElement content)
    {
        if (content.ValueKind != JsonValueKind.Object) return;
        foreach (var section in content.EnumerateObject())
        {
            if (section.Value.ValueKind != JsonValueKind.Object) continue;
            foreach (var f in section.Value.EnumerateObject())
                Values[$"{section.Name}.{f.Name}"] = f.Value.ValueKind switch
                {
                    JsonValueKind.Array => [.. f.Value.EnumerateArray().Select(x => x.ToString())],
                    JsonValueKind.True => ["true"],
                    JsonValueKind.False => ["false"],
                    _ => [f.Value.ToString()],
                };
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            Saved = await get.HandleAsync(id, ct);
            ElderId = Saved.ElderId;
            ElderName = Saved.ElderName;
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
                Fill(s.Content);
                CheckedOn = s.CheckedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                Version = s.Version;
            }
            else
            {
                CheckedOn = service.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    private HealthCheckInput ReadInput()
    {
        var sections = Form.Sections.ToDictionary(s => s.Code, _ => new Dictionary<string, JsonElement>());
        foreach (var f in Form.AllFields)
        {
            var raw = Request.Form[f.Path].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            Values[f.Path] = raw;
            if (f.Kind == FieldKind.Multi)
                sections[f.Section][f.Key] = JsonSerializer.SerializeToElement(raw);
            else if (raw.Count > 0)
                sections[f.Section][f.Key] = f.Kind == FieldKind.Flag
                    ? JsonSerializer.SerializeToElement(raw[0] == "true")
                    : JsonSerializer.SerializeToElement(raw[0]);
        }
        return new HealthCheckInput
        {
            ElderId = ElderId,
            CheckedOn = DateOnly.TryParseExact(CheckedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
            Lifestyle = sections["lifestyle"],
            SelfCare = sections["selfCare"],
            Screening = sections["screening"],
            PhysicalExam = sections["physicalExam"],
            Tests = sections["tests"],
            Guidance = sections["guidance"],
            Referral = sections["referral"],
            Version = Version,
        };
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        try
        {
            await LoadAsync(ct);
            if (Saved?.Status == "signed") return Redirect($"/HealthManagement/Check/{Saved.Id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        var input = ReadInput();
        try
        {
            var dto = Saved is null ? await record.HandleAsync(input, ct) : await edit.HandleAsync(Saved.Id, input, null, ct);
            TempData["Message"] = dto.Complete ? "已保存，记录完整。" : $"已保存，尚缺 {dto.Missing.Count} 项，补齐后计入健康管理率。";
            return Redirect($"/HealthManagement/Check/{dto.Id}");
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
            return Redirect($"/HealthManagement/Check/{id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            await LoadAsync(ct);
            Fill(Saved!.Content);
            Show(e);
            return Page();
        }
    }
}
