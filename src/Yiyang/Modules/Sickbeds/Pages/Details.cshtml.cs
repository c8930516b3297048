using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Yiyang.Modules.HomeVisits;
using Yiyang.Modules.Sickbeds;

namespace Yiyang.Modules.Sickbeds.Pages;

/// <summary>
/// One family sickbed: application and assessment, plan, cycles, rounds (links to the visit pages), orders and nursing
/// records, with the forms the status allows (approve/reject, open, round, order, nursing record, renew, close).
/// </summary>
[Authorize(Policy = SickbedPolicies.Read)]
public sealed class DetailsModel(GetSickbed get, CurrentUser me, IOptions<SickbedOptions> options) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public DateOnly? AssessedOn { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public DateOnly? OpenedOn { get; set; }
    [BindProperty] public string? Plan { get; set; }
    /// <summary>One service a line: code, a space, the name (e.g. "SB-BP 血压测量").</summary>
    [BindProperty] public string? ServicesText { get; set; }
    [BindProperty] public string? ResponsibleDoctor { get; set; }
    [BindProperty] public string? ResponsibleNurse { get; set; }
    [BindProperty] public int? RoundsPerWeek { get; set; }
    [BindProperty] public DateOnly? CycleEndsOn { get; set; }
    [BindProperty] public string? Reassessment { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public DateOnly? ClosedOn { get; set; }
    [BindProperty] public string? OrderKind { get; set; } = "long-term";
    [BindProperty] public string? OrderText { get; set; }
    [BindProperty] public long? OrderId { get; set; }
    [BindProperty] public string? NursingText { get; set; }
    [BindProperty] public string? RequestKey { get; set; }

    public SickbedDto? Sickbed { get; private set; }
    public string NewKey { get; } = Guid.NewGuid().ToString("N");
    public bool CanWrite => me.Can(SickbedPolicies.Write);
    public bool IsDoctor => me.Can(SickbedPolicies.Decide);
    public int MaxCycleDays => options.Value.MaxCycleDays;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    private async Task<IActionResult> Run(string form, Func<Task<string>> action, CancellationToken ct)
    {
        var found = true;
        var result = await AttemptAsync(async () => Redirect(await action()), async () => found = await LoadAsync(ct), form);
        // the round and stop buttons have no fields: show the reason above the page
        if (FieldErrors.Count > 0 && form is "round" or "stop") FormError = string.Join(" ", FieldErrors.Values);
        return found ? result : NotFound();
    }

    private string Self => $"/Sickbeds/Details/{Id}";

    private string Done(string message)
    {
        TempData["Message"] = message;
        return Self;
    }

    public Task<IActionResult> OnPostApproveAsync([FromServices] ApproveSickbed approve, CancellationToken ct) => Run("approve", async () =>
    {
        await approve.HandleAsync(Id, new ApproveInput(AssessedOn, Note, Version), null, ct);
        return Done("已评估通过，可以建床。");
    }, ct);

    public Task<IActionResult> OnPostRejectAsync([FromServices] RejectSickbed reject, CancellationToken ct) => Run("reject", async () =>
    {
        await reject.HandleAsync(Id, new RejectInput(AssessedOn, Reason, Version), null, ct);
        return Done("已记录评估未通过。");
    }, ct);

    public Task<IActionResult> OnPostOpenAsync([FromServices] OpenSickbed open, CancellationToken ct) => Run("open", async () =>
    {
        var services = (ServicesText ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line =>
            {
                var cut = line.IndexOfAny([' ', '\t', '　']);
                return cut < 0 ? new PlannedServiceInput(line, null) : new PlannedServiceInput(line[..cut], line[(cut + 1)..].Trim());
            }).ToList();
        await open.HandleAsync(Id, new OpenInput(OpenedOn, null, null, Plan, services, ResponsibleDoctor, ResponsibleNurse, RoundsPerWeek, CycleEndsOn, Version),
            null, ct);
        return Done("已建床。");
    }, ct);

    public Task<IActionResult> OnPostRoundAsync([FromServices] AddSickbedRound addRound, CancellationToken ct) => Run("round", async () =>
    {
        var r = await addRound.HandleAsync(Id, new RoundInput(null), RequestKey, ct);
        return $"/HomeCare/Visit/{r.Round.VisitId}";
    }, ct);

    public Task<IActionResult> OnPostOrderAsync([FromServices] AddSickbedOrder addOrder, CancellationToken ct) => Run("order", async () =>
    {
        await addOrder.HandleAsync(Id, new OrderInput(OrderKind, OrderText, null), ct);
        return Done("已下达医嘱。");
    }, ct);

    public Task<IActionResult> OnPostStopOrderAsync([FromServices] StopSickbedOrder stopOrder, CancellationToken ct) => Run("stop", async () =>
    {
        await stopOrder.HandleAsync(Id, OrderId ?? 0, new StopOrderInput(null), ct);
        return Done("已停止医嘱。");
    }, ct);

    public Task<IActionResult> OnPostNursingAsync([FromServices] AddSickbedNursingRecord addNursing, CancellationToken ct) => Run("nursing", async () =>
    {
        await addNursing.HandleAsync(Id, new NursingRecordInput(NursingText, null), ct);
        return Done("已保存护理记录。");
    }, ct);

    public Task<IActionResult> OnPostRenewAsync([FromServices] RenewSickbed renew, CancellationToken ct) => Run("renew", async () =>
    {
        await renew.HandleAsync(Id, new RenewInput(Reassessment, CycleEndsOn, RoundsPerWeek, Version), null, ct);
        return Done("已续床。");
    }, ct);

    public Task<IActionResult> OnPostCloseAsync([FromServices] CloseSickbed close, CancellationToken ct) => Run("close", async () =>
    {
        await close.HandleAsync(Id, new CloseInput(Reason, Summary, ClosedOn, Version), null, ct);
        return Done("已撤床。");
    }, ct);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Sickbed = await get.HandleAsync(Id, ct);
            return true;
        }
        catch (NotFoundException) { return false; }
    }
}
