using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.HomeVisits.Pages;

/// <summary>Today's work list: planned visits and overdue 台账 elders; "开始上门" starts an ad-hoc visit.</summary>
[Authorize(Policy = FamilyDoctorPolicies.Read)]
public sealed class IndexModel(GetWorkList workList, CreateVisit createVisit, CurrentUser me, Modules.CareSummary.WorkListReminderService reminders)
    : FormPageModel
{
    [FromQuery] public DateOnly? Date { get; set; }
    [BindProperty] public long? ElderId { get; set; }
    /// <summary>Idempotency key of the "开始上门" form: a double tap or a resubmission opens the same visit.</summary>
    [BindProperty] public string? RequestKey { get; set; }
    public WorkList? Work { get; private set; }
    public string NewKey { get; } = Guid.NewGuid().ToString("N");
    public bool CanWrite => me.Can(FamilyDoctorPolicies.Write);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostStartAsync(CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var r = await createVisit.HandleAsync(new VisitInput(ElderId, null, null, "ad-hoc", null), RequestKey, ct);
            return Redirect($"/HomeCare/Visit/{r.Visit.Id}");
        }, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct) =>
        Work = await workList.HandleAsync(Date, null, ct) with { Reminders = await reminders.ForAsync(null, ct) };
}
