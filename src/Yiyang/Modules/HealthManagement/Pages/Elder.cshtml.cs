using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.HealthManagement;
using Yiyang.Modules.HealthManagement.Prescriptions;

namespace Yiyang.Modules.HealthManagement.Pages;

/// <summary>An elder's health-management summary: yearly records, TCM records, this year's follow-ups and vaccinations.</summary>
[Authorize(Policy = HealthManagementPolicies.Read)]
public sealed class ElderModel(
    HealthManagementAccess service, ListHealthChecks checks, ListTcmRecords tcm, ListFollowups followups, RecordFollowup recordFollowup,
    ListVaccinations vaccinations, RecordVaccination recordVaccination, PrescriptionService prescriptions) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    public string ElderName { get; private set; } = "";
    public IReadOnlyList<HealthCheckDto> Checks { get; private set; } = [];
    public IReadOnlyList<TcmDto> TcmRecords { get; private set; } = [];
    public FollowupYear? Followups { get; private set; }
    public IReadOnlyList<VaccinationDto> Vaccinations { get; private set; } = [];
    public bool CanWrite => service.CanWrite;
    public IReadOnlyList<PrescriptionDto> Prescriptions { get; private set; } = [];
    public bool CanPrescribe => prescriptions.CanPrescribe;
    public bool CanDispense => prescriptions.CanDispense;
    [BindProperty] public long? PrescriptionId { get; set; }
    [BindProperty] public int? PrescriptionVersion { get; set; }
    [BindProperty] public string? StopReason { get; set; }
    public int Year => service.Today.Year;
    public string Today => service.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [BindProperty] public string? Disease { get; set; } = "hypertension";
    [BindProperty] public string? FollowedOn { get; set; }
    [BindProperty] public string? Way { get; set; } = "clinic";
    [BindProperty] public int? Systolic { get; set; }
    [BindProperty] public int? Diastolic { get; set; }
    [BindProperty] public decimal? FastingGlucose { get; set; }
    [BindProperty] public string? Adherence { get; set; } = "regular";
    [BindProperty] public string? Classification { get; set; } = "satisfied";
    [BindProperty] public string? NextOn { get; set; }
    [BindProperty] public string? Vaccine { get; set; } = "flu";
    [BindProperty] public string? VaccinatedOn { get; set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        ElderName = (await service.ElderAsync(Id, ct)).Name;
        Checks = await checks.HandleAsync(Id, ct);
        TcmRecords = await tcm.HandleAsync(Id, ct);
        Followups = await followups.HandleAsync(Id, null, ct);
        Vaccinations = await vaccinations.HandleAsync(Id, ct);
        Prescriptions = await prescriptions.ListAsync(Id, ct);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            FollowedOn = VaccinatedOn = Today;
            await LoadAsync(ct);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    private static DateOnly? Date(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public async Task<IActionResult> OnPostFollowupAsync(CancellationToken ct)
    {
        try
        {
            await recordFollowup.HandleAsync(new FollowupInput(Id, Disease, Date(FollowedOn), Way, null, Systolic, Diastolic, FastingGlucose, Adherence,
                Classification, Date(NextOn), null), ct);
            TempData["Message"] = "随访已记录。";
            return Redirect($"/HealthManagement/Elder/{Id}#followups");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            Show(e);
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostVaccinationAsync(CancellationToken ct)
    {
        try
        {
            await recordVaccination.HandleAsync(new VaccinationInput(Id, Vaccine, Date(VaccinatedOn), null), ct);
            TempData["Message"] = "接种已登记。";
            return Redirect($"/HealthManagement/Elder/{Id}#vaccinations");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            Show(e);
            await LoadAsync(ct);
            return Page();
        }
    }

    /// <summary>Dispensing or stopping one prescription of this elder; a refusal is shown beside that prescription.</summary>
    private async Task<IActionResult> PrescriptionStepAsync(Func<long, Task> step, string done, CancellationToken ct)
    {
        var key = "ltp-" + PrescriptionId;
        try
        {
            if (PrescriptionId is not { } id) return NotFound();
            await step(id);
            TempData["Message"] = done;
            return Redirect($"/HealthManagement/Elder/{Id}#{key}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException e)
        {
            FieldErrors[key] = string.Join(" ", e.Errors.Values.SelectMany(m => m));
        }
        catch (AppException e)
        {
            FieldErrors[key] = e.Message;
        }
        FormError = "操作未完成，请查看处方旁的红色提示。";
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostDispenseAsync(CancellationToken ct) =>
        PrescriptionStepAsync(id => prescriptions.DispenseAsync(id, new DispenseInput(null, PrescriptionVersion), null, ct), "已登记取药。", ct);

    public Task<IActionResult> OnPostStopAsync(CancellationToken ct) =>
        PrescriptionStepAsync(id => prescriptions.StopAsync(id, new StopInput(StopReason, PrescriptionVersion), null, ct), "长期处方已停用。", ct);
}
