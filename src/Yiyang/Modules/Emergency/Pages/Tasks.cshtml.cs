using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Emergency.Pages;

/// <summary>我的应急任务 (a phone page): tasks sent to the user's organization, with 接单 / 已到达 / 反馈结果.</summary>
[Authorize(Policy = EmergencyPolicies.Respond)]
public sealed class TasksModel(ListMyDispatches list) : FormPageModel
{
    [BindProperty] public long TaskId { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Note { get; set; }
    public IReadOnlyList<ResponderTaskDto> Tasks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private Task<IActionResult> Step(string form, Func<Task> action, string done, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await action();
            TempData["Message"] = done;
            return Redirect("/Emergency/Tasks");
        }, () => LoadAsync(ct), form);

    public Task<IActionResult> OnPostAcceptAsync([FromServices] AcceptDispatch accept, CancellationToken ct) =>
        Step("accept-" + TaskId, () => accept.HandleAsync(TaskId, new DispatchStepInput(null, null, Version), null, ct), "已接单。", ct);

    public Task<IActionResult> OnPostArriveAsync([FromServices] ArriveDispatch arrive, CancellationToken ct) =>
        Step("arrive-" + TaskId, () => arrive.HandleAsync(TaskId, new DispatchStepInput(null, null, Version), null, ct), "已登记到达。", ct);

    public Task<IActionResult> OnPostResultAsync([FromServices] ReportDispatchResult report, CancellationToken ct) =>
        Step("result-" + TaskId, () => report.HandleAsync(TaskId, new DispatchStepInput(Outcome, Note, Version), null, ct), "已反馈处置结果。", ct);

    private async Task LoadAsync(CancellationToken ct) => Tasks = await list.HandleAsync(ct);
}
