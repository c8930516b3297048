using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.DailyCare;
using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.DailyCare.Pages;

/// <summary>A resident's medical-room encounters (医务室诊疗) and the form for a new one (the institution's doctors and nurses).</summary>
[Authorize(Policy = DailyCarePolicies.Medical)]
public sealed class MedicalRoomModel(RecordEncounter record, ListEncounters list, GetStayChecklist checklist) : FormPageModel
{
    public const int OrderRows = 3;

    [FromRoute] public long Id { get; set; }
    [BindProperty] public string? Complaint { get; set; }
    [BindProperty] public int? Systolic { get; set; }
    [BindProperty] public int? Diastolic { get; set; }
    [BindProperty] public int? Pulse { get; set; }
    [BindProperty] public decimal? Temperature { get; set; }
    [BindProperty] public decimal? Glucose { get; set; }
    [BindProperty] public int? Spo2 { get; set; }
    [BindProperty] public decimal? Weight { get; set; }
    [BindProperty] public string? Findings { get; set; }
    [BindProperty] public string? Disposition { get; set; }
    [BindProperty] public List<OrderInput> Orders { get; set; } = [];
    public IReadOnlyList<EncounterDto> Encounters { get; private set; } = [];
    public string Title { get; private set; } = "";

    /// <summary>The element id of a field named as in the API (vitals.systolic → vitals-systolic, orders[0].text → orders-0-text).</summary>
    public static string FieldId(string field) => field.Replace("].", "-", StringComparison.Ordinal).Replace('[', '-').Replace('.', '-');

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var orders = Orders.Where(o => !string.IsNullOrWhiteSpace(o.Text) || !string.IsNullOrWhiteSpace(o.Drug) || !string.IsNullOrWhiteSpace(o.Dose)).ToList();
            var e = await record.HandleAsync(Id, new EncounterInput(null, Complaint, new VitalsInput(Systolic, Diastolic, Pulse, Temperature, Glucose, Spo2, Weight),
                Findings, orders, Disposition), ct);
            TempData["Message"] = "就诊记录已保存。" + (e.ReferralLink is null ? "" : "需要转诊时请填写转诊单。");
            return Redirect($"/DailyCare/MedicalRoom/{Id}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (AppException e) { Show(e); }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Encounters = await list.HandleAsync(Id, ct);
            var stay = await checklist.HandleAsync(Id, null, ct);
            Title = $"{stay.MaskedName} · {stay.BedLabel}";
            while (Orders.Count < OrderRows) Orders.Add(new OrderInput("temporary", null, null, null));
            return true;
        }
        catch (NotFoundException) { return false; }
        catch (ForbiddenException) { return false; }
    }
}
