using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.HomeVisits.Pages;

/// <summary>
/// The visit at the door, for a 375px phone: every step is its own server-rendered form and is saved at once, so a
/// reload (or a lost connection) keeps the half-finished visit.
/// </summary>
[Authorize(Policy = FamilyDoctorPolicies.Read)]
public sealed class VisitModel(
    GetVisit getVisit, CheckIn checkIn, RecordVitals recordVitals, RecordService recordService, CompleteVisit completeVisit,
    Yiyang.Modules.Billing.VisitCharging charging, Yiyang.Modules.Emergency.VitalThresholdSettings thresholds, CurrentUser me) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public double? Latitude { get; set; }
    [BindProperty] public double? Longitude { get; set; }
    [BindProperty] public double? AccuracyMeters { get; set; }
    [BindProperty] public int? Systolic { get; set; }
    [BindProperty] public int? Diastolic { get; set; }
    [BindProperty] public int? Pulse { get; set; }
    [BindProperty] public decimal? Temperature { get; set; }
    [BindProperty] public decimal? Glucose { get; set; }
    [BindProperty] public int? Spo2 { get; set; }
    [BindProperty] public decimal? Weight { get; set; }
    [BindProperty] public string? ServiceCode { get; set; }
    [BindProperty] public string? ServiceName { get; set; }
    [BindProperty] public string? ServiceStatus { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public string ConfirmedBy { get; set; } = "self";
    [BindProperty] public string? ConfirmerName { get; set; }
    [BindProperty] public string? ConfirmerRelation { get; set; }
    /// <summary>上门距离 in km, asked for when the institution charges a 上门服务费 by distance.</summary>
    [BindProperty] public decimal? DistanceKm { get; set; }
    public bool NeedsDistance { get; private set; }
    public VisitDto? Visit { get; private set; }
    /// <summary>The elder's alert thresholds, rendered into the vitals form for the warning beside each field.</summary>
    public Yiyang.Modules.Emergency.ThresholdSet Limits { get; private set; } = Yiyang.Modules.Emergency.ThresholdSet.Default;
    public bool CanWrite => me.Can(FamilyDoctorPolicies.Write);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Visit!.Vitals is { } v)
        {
            Systolic = v.Systolic;
            Diastolic = v.Diastolic;
            Pulse = v.Pulse;
            Temperature = v.Temperature;
            Glucose = v.Glucose;
            Spo2 = v.Spo2;
            Weight = v.Weight;
        }
        return Page();
    }

    private async Task<IActionResult> Step(string form, Func<Task> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["Message"] = done;
            return Redirect($"/HomeCare/Visit/{Id}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (AppException e) { ActiveForm = form; Show(e); }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostCheckInAsync(CancellationToken ct) =>
        Step("checkin", () => checkIn.HandleAsync(Id, new CheckInInput(null, Latitude, Longitude, AccuracyMeters), ct), "已签到。", ct);

    public Task<IActionResult> OnPostVitalsAsync(CancellationToken ct) =>
        Step("vitals", () => recordVitals.HandleAsync(Id, new VitalsInput(Systolic, Diastolic, Pulse, Temperature, Glucose, Spo2, Weight), ct),
            "体征已保存。", ct);

    public Task<IActionResult> OnPostServiceAsync(CancellationToken ct) =>
        Step(ServiceName is null ? "service" : "extra",
            () => recordService.HandleAsync(Id, ServiceCode ?? "", new ServiceRecordInput(ServiceStatus, Reason, ServiceName), ct),
            "服务项目已记录。", ct);

    public Task<IActionResult> OnPostCompleteAsync(CancellationToken ct) =>
        Step("complete", () => completeVisit.HandleAsync(Id, new CompleteInput(Notes, new ConfirmationInput(ConfirmedBy, ConfirmerName, ConfirmerRelation), DistanceKm), ct),
            "上门服务已完成。", ct);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Visit = await getVisit.HandleAsync(Id, ct);
            NeedsDistance = Visit.Status != "completed" && await charging.NeedsDistanceAsync(Visit.OrganizationId, ct);
            if (Visit.Status == "checked-in") Limits = await thresholds.ForElderAsync(Visit.ElderId, ct);
            return true;
        }
        catch (NotFoundException) { return false; }
    }
}
