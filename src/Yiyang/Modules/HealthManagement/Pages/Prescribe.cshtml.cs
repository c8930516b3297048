using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.HealthManagement.Prescriptions;

namespace Yiyang.Modules.HealthManagement.Pages;

/// <summary>开具长期处方: diagnosis, stable-condition confirmation, validity and up to five drug rows (blank rows are ignored).</summary>
[Authorize(Policy = HealthManagementPolicies.PrescriptionsWrite)]
public sealed class PrescribeModel(PrescriptionService service, HealthManagementAccess health) : FormPageModel
{
    public const int Rows = 5;

    public sealed class ItemRow
    {
        public string? DrugName { get; set; }
        public string? Spec { get; set; }
        public string? Dose { get; set; }
        public string? Frequency { get; set; }
        public string? Route { get; set; } = "口服";
        public string? Category { get; set; } = PrescriptionRules.General;
        public decimal? Quantity { get; set; }
        public string? Unit { get; set; }
        public int? DaysPerDispensing { get; set; } = 28;

        public bool Blank => string.IsNullOrWhiteSpace(DrugName) && string.IsNullOrWhiteSpace(Spec) && string.IsNullOrWhiteSpace(Dose)
                             && string.IsNullOrWhiteSpace(Frequency) && Quantity is null && string.IsNullOrWhiteSpace(Unit);
    }

    [BindProperty(SupportsGet = true)] public long ElderId { get; set; }
    [BindProperty] public string? DiagnosisCode { get; set; }
    [BindProperty] public string? DiagnosisName { get; set; }
    [BindProperty] public bool ConditionStable { get; set; }
    [BindProperty] public DateOnly? StartOn { get; set; }
    [BindProperty] public int? ValidityDays { get; set; } = 84;
    [BindProperty] public List<ItemRow> Items { get; set; } = [];
    [BindProperty] public string? ExtendedAssessment { get; set; }
    [BindProperty] public bool PatientConfirmed { get; set; }
    public string ElderName { get; private set; } = "";

    /// <summary>Maps the index of a submitted (non-blank) item back to its row on the form.</summary>
    private List<int> _rowOf = [];

    private void Pad()
    {
        while (Items.Count < Rows) Items.Add(new ItemRow());
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try { ElderName = (await health.ElderAsync(ElderId, ct)).Name; }
        catch (NotFoundException) { return NotFound(); }
        StartOn ??= service.Today;
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try { ElderName = (await health.ElderAsync(ElderId, ct)).Name; }
        catch (NotFoundException) { return NotFound(); }
        Pad();
        _rowOf = [.. Items.Select((r, i) => (r, i)).Where(x => !x.r.Blank).Select(x => x.i)];
        var items = _rowOf.Select(i => Items[i]).Select(r => new PrescriptionItemInput(r.DrugName, r.Spec, r.Dose, r.Frequency, r.Route, r.Category, r.Quantity,
            r.Unit, r.DaysPerDispensing)).ToList();
        try
        {
            var rx = await service.CreateAsync(new PrescriptionInput(ElderId, DiagnosisCode, DiagnosisName, ConditionStable, StartOn, ValidityDays, items,
                ExtendedAssessment, PatientConfirmed), ct);
            TempData["Message"] = "长期处方已开具。";
            return Redirect($"/HealthManagement/Elder/{ElderId}#ltp-{rx.Id}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (ValidationFailedException e)
        {
            // items[i] of the request is row _rowOf[i] of the form
            var mapped = e.Errors.ToDictionary(kv => RowField(kv.Key), kv => kv.Value);
            Show(new ValidationFailedException(mapped));
        }
        catch (ConflictException e)
        {
            FieldErrors["diagnosisCode"] = e.Message;
            FormError = "提交的信息有误，请按红色提示修改后再提交。";
        }
        catch (AppException e) { Show(e); }
        return Page();
    }

    private string RowField(string field)
    {
        if (!field.StartsWith("items[", StringComparison.Ordinal)) return field;
        var end = field.IndexOf(']', StringComparison.Ordinal);
        return int.TryParse(field.AsSpan(6, end - 6), out var i) && i < _rowOf.Count ? $"items[{_rowOf[i]}]{field[(end + 1)..]}" : field;
    }
}
