using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.HomeVisits;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.HomeVisits.Pages;

/// <summary>Today's work list: planned visits and overdue 台账 elders; "开始上门" starts an ad-hoc visit.</summary>
[Authorize(Policy = Policies.FamilyDoctorRead)]
public sealed class IndexModel(HomeCareService service, CurrentUser me, Modules.CareSummary.WorkListReminderService reminders) : FormPageModel
{
    [FromQuery] public DateOnly? Date { get; set; }
    [BindProperty] public long? ElderId { get; set; }
    /// <summary>Idempotency key of the "开始上门" form: a double tap or a resubmission opens the same visit.</summary>
    [BindProperty] public string? RequestKey { get; set; }
    public WorkList? Work { get; private set; }
    public string NewKey { get; } = Guid.NewGuid().ToString("N");
    public bool CanWrite => Policies.Map[Policies.FamilyDoctorWrite].Contains(me.Role);

    public async Task OnGetAsync(CancellationToken ct) => Work = await service.WorkListAsync(Date, null, ct) with { Reminders = await reminders.ForAsync(null, ct) };

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        try
        {
            var r = await service.CreateAsync(new VisitInput(ElderId, null, null, "ad-hoc", null), RequestKey, ct);
            return Redirect($"/HomeCare/Visit/{r.Visit.Id}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (AppException e) { Show(e); }
        Work = await service.WorkListAsync(Date, null, ct) with { Reminders = await reminders.ForAsync(null, ct) };
        return Page();
    }
}
