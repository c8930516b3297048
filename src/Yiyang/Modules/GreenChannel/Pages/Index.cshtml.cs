using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Elders;
using Yiyang.Modules.GreenChannel;

namespace Yiyang.Modules.GreenChannel.Pages;

/// <summary>绿色通道预约: the quotas of a day, booking (care side) and the appointments with the hospital's steps.</summary>
[Authorize(Policy = GreenChannelPolicies.Use)]
public sealed class IndexModel(ListQuotas quotas, ListAppointments appointments, CurrentUser me, TimeProvider clock, ElderPicker picker) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    [BindProperty] public long? QuotaId { get; set; }
    [BindProperty(SupportsGet = true)] public long? ElderId { get; set; }
    [BindProperty] public bool ElderConfirmed { get; set; }
    [FromQuery(Name = "elderQ")] public string? ElderQ { get; set; }
    public ElderPickerView? Picker { get; private set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public long? AppointmentId { get; set; }
    [BindProperty] public string? CancelReason { get; set; }
    public IReadOnlyList<QuotaDto> Quotas { get; private set; } = [];
    public IReadOnlyList<AppointmentDto> Appointments { get; private set; } = [];
    public DateOnly Day => Date ?? clock.ChinaToday();
    /// <summary>Quotas the user's organization may book (it is the care side).</summary>
    public IEnumerable<QuotaDto> Bookable => Quotas.Where(q => q.Open && (me.Can(GreenChannelPolicies.AnyOrganization) || q.Care.Id == me.OrganizationId));

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostBookAsync([FromServices] BookAppointment book, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            ElderPicker.DemandConfirmed(ElderId, ElderConfirmed);
            try
            {
                await book.HandleAsync(new AppointmentInput(QuotaId, ElderId, Date, Reason, null), ct);
            }
            catch (NotFoundException e)
            {
                throw ValidationFailedException.For("elderId", e.Message); // an elder out of reach: beside the field, not a 404 page
            }
            TempData["Message"] = "已预约绿色通道。";
            return Redirect($"/GreenChannel?date={Day:yyyy-MM-dd}");
        }, () => LoadAsync(ct), "book");

    private Task<IActionResult> Step(Func<Task> action, string done, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await action();
            TempData["Message"] = done;
            return Redirect($"/GreenChannel?date={Day:yyyy-MM-dd}");
        }, () => LoadAsync(ct), "row-" + AppointmentId);

    private AppointmentTransitionInput Body => new(CancelReason, null);

    public Task<IActionResult> OnPostConfirmAsync([FromServices] ConfirmAppointment confirm, CancellationToken ct) =>
        Step(() => confirm.HandleAsync(AppointmentId ?? 0, Body, null, ct), "预约已确认。", ct);

    public Task<IActionResult> OnPostArriveAsync([FromServices] RecordAppointmentArrival arrive, CancellationToken ct) =>
        Step(() => arrive.HandleAsync(AppointmentId ?? 0, Body, null, ct), "已登记到达。", ct);

    public Task<IActionResult> OnPostServeAsync([FromServices] ServeAppointment serve, CancellationToken ct) =>
        Step(() => serve.HandleAsync(AppointmentId ?? 0, Body, null, ct), "已登记就诊。", ct);

    public Task<IActionResult> OnPostCancelAsync([FromServices] CancelAppointment cancel, CancellationToken ct) =>
        Step(() => cancel.HandleAsync(AppointmentId ?? 0, Body, null, ct), "预约已取消。", ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Quotas = await quotas.HandleAsync(Day, ct);
        Appointments = await appointments.HandleAsync(Day.AddDays(-7), Day.AddDays(30), null, ct);
        if (Bookable.Any())
            Picker = await picker.LoadAsync("book-form", ElderId, ElderQ, ElderConfirmed, ActiveForm is "book" ? ErrorFor("elderId") : null, ct);
    }
}
