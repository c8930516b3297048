using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.GreenChannel;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.GreenChannel.Pages;

/// <summary>绿色通道预约: the quotas of a day, booking (care side) and the appointments with the hospital's steps.</summary>
[Authorize(Policy = Policies.GreenChannel)]
public sealed class IndexModel(GreenChannelService service, CurrentUser me, TimeProvider clock) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    [BindProperty] public long? QuotaId { get; set; }
    [BindProperty(SupportsGet = true)] public long? ElderId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public long? AppointmentId { get; set; }
    [BindProperty] public string? CancelReason { get; set; }
    public IReadOnlyList<QuotaDto> Quotas { get; private set; } = [];
    public IReadOnlyList<AppointmentDto> Appointments { get; private set; } = [];
    public DateOnly Day => Date ?? DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
    /// <summary>Quotas the user's organization may book (it is the care side).</summary>
    public IEnumerable<QuotaDto> Bookable => Quotas.Where(q => q.Open && (me.Role == Roles.PlatformAdmin || q.Care.Id == me.OrganizationId));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostBookAsync(CancellationToken ct)
    {
        try
        {
            await service.BookAsync(new AppointmentInput(QuotaId, ElderId, Date, Reason, null), ct);
            TempData["Message"] = "已预约绿色通道。";
            return Redirect($"/GreenChannel?date={Day:yyyy-MM-dd}");
        }
        catch (NotFoundException e)
        {
            FieldErrors["elderId"] = e.Message;
            FormError = "提交的信息有误，请按红色提示修改后再提交。";
        }
        catch (AppException e) { Show(e); }
        ActiveForm = "book";
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> Step(AppointmentAction action, string done, CancellationToken ct)
    {
        try
        {
            await service.TransitionAsync(AppointmentId ?? 0, action, new AppointmentTransitionInput(CancelReason, null), null, ct);
            TempData["Message"] = done;
            return Redirect($"/GreenChannel?date={Day:yyyy-MM-dd}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (AppException e)
        {
            ActiveForm = "row-" + AppointmentId;
            Show(e);
        }
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) => Step(AppointmentAction.Confirm, "预约已确认。", ct);
    public Task<IActionResult> OnPostArriveAsync(CancellationToken ct) => Step(AppointmentAction.Arrive, "已登记到达。", ct);
    public Task<IActionResult> OnPostServeAsync(CancellationToken ct) => Step(AppointmentAction.Serve, "已登记就诊。", ct);
    public Task<IActionResult> OnPostCancelAsync(CancellationToken ct) => Step(AppointmentAction.Cancel, "预约已取消。", ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Quotas = await service.QuotasAsync(Day, ct);
        Appointments = await service.ListAsync(Day.AddDays(-7), Day.AddDays(30), null, ct);
    }
}
