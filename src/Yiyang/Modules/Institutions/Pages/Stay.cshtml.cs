using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.Institutions.Pages;

/// <summary>
/// One resident's stay: leave (请假/住院外出) and return forms, transfer to a free bed (转床), discharge (离院, final: a
/// confirmation box) and the leave history. Errors come from the API rules, beside the field. A closed stay has no forms.
/// </summary>
[Authorize(Policy = InstitutionPolicies.Write)]
public sealed class StayModel(GetStay stays, ListLeaves leaves, ListBeds beds, StartLeave startLeave, ReturnFromLeave returnFromLeave,
    TransferBed transfer, DischargeResident discharge, CheckInStay checkIn, AdmissionReviews reviews, TimeProvider clock) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public DateOnly? StartOn { get; set; }
    [BindProperty] public DateOnly? ExpectedReturnOn { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public DateOnly? ReturnedOn { get; set; }
    // transfer (转床)
    [BindProperty] public long? BedId { get; set; }
    /// <summary>The institution's free beds (transfer targets), while the stay is open.</summary>
    public IReadOnlyList<BedDto> FreeBeds { get; private set; } = [];
    // discharge (离院)
    [BindProperty] public DateOnly? DischargedOn { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public bool Confirm { get; set; }
    public DateOnly Today => clock.ChinaToday();
    public StayDto? Stay { get; private set; }
    public IReadOnlyList<LeaveDto> Leaves { get; private set; } = [];
    public LeaveDto? OpenLeave => Leaves.FirstOrDefault(l => l.ReturnedOn is null);
    public string? Done { get; private set; }
    /// <summary>The cross-organization admission record, when the elder was admitted by ID card from elsewhere.</summary>
    public AdmissionReviewDto? CrossAdmission { get; private set; }
    [BindProperty] public string? CheckInNote { get; set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Stay = await stays.HandleAsync(Id, ct);
        Leaves = await leaves.HandleAsync(Id, ct);
        CrossAdmission = await reviews.ForStayAsync(Id, ct);
        FreeBeds = Stay.DischargedOn is null
            ? (await beds.HandleAsync(Stay.OrganizationId, ct)).Where(b => b.Occupant is null).ToList()
            : [];
    }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        try { await LoadAsync(ct); }
        catch (NotFoundException) { return NotFound(); }
        Done = done switch
        {
            "leave" => "已登记外出，床位保留。",
            "return" => "已登记返回。",
            "transfer" => "已转床。",
            "discharge" => "已办理离院，床位已空出。",
            "check-in" => "已登记到院，入住已确认。",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostLeaveAsync(CancellationToken ct) =>
        Act(() => startLeave.HandleAsync(Id, new LeaveInput(Kind, StartOn, ExpectedReturnOn, Note), ct), "leave", ct);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken ct) =>
        Act(() => returnFromLeave.HandleAsync(Id, new LeaveReturnInput(ReturnedOn), ct), "return", ct);

    public Task<IActionResult> OnPostCheckInAsync(CancellationToken ct) =>
        Act(() => checkIn.HandleAsync(Id, new CheckInInput(CheckInNote), ct), "check-in", ct);

    public Task<IActionResult> OnPostTransferAsync(CancellationToken ct) =>
        Act(() => transfer.HandleAsync(Id, new TransferInput(BedId), ct), "transfer", ct);

    public Task<IActionResult> OnPostDischargeAsync(CancellationToken ct) =>
        Act(() =>
        {
            // discharge is final: the box must be ticked (checked here, before anything is sent)
            if (!Confirm)
            {
                var errors = new FieldErrors().Add("confirm", "离院办理后不能撤销，请核对后勾选确认。");
                if (BedRules.ParseReason(Reason) is null) errors.Add("reason", "请选择离院原因。");
                errors.ThrowIfAny();
            }
            return discharge.HandleAsync(Id, new DischargeInput(DischargedOn, Reason), ct);
        }, "discharge", ct);

    private async Task<IActionResult> Act<T>(Func<Task<T>> action, string done, CancellationToken ct)
    {
        try
        {
            return await AttemptAsync(async () =>
            {
                try
                {
                    await action();
                    return Redirect($"/Institutions/Stay/{Id}?done={done}");
                }
                catch (ConflictException e) when (done is "transfer" or "discharge" or "check-in")
                {
                    // beside the form: the bed taken meanwhile (转床), on leave or already closed (离院)
                    FieldErrors[done == "transfer" && e.Code == "bed-occupied" ? "bedId" : done] = e.Message;
                    await LoadAsync(ct);
                    return Page();
                }
            }, () => LoadAsync(ct));
        }
        catch (NotFoundException) { return NotFound(); } // the stay left the user's reach
    }
}
