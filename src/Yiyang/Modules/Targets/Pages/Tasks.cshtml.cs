using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiyang.Modules.Targets.Pages;

/// <summary>政策任务看板: the region's task tables with computed status, overdue and behind first.</summary>
[Authorize(Policy = TargetsPolicies.Read)]
public sealed class TasksModel(ListPolicyTasks list) : PageModel
{
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "status")] public string? Status { get; set; }
    public IReadOnlyList<PolicyTaskDto> Tasks { get; private set; } = [];
    public IReadOnlyList<PolicyTaskDto> All { get; private set; } = [];
    public string? Error { get; private set; }

    public static readonly (string Code, string Name)[] Statuses =
        [("overdue", "已逾期"), ("behind", "进度滞后"), ("on-track", "按计划推进"), ("done", "已完成")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            All = await list.HandleAsync(RegionCode, null, ct);
            Tasks = [.. All.Where(t => string.IsNullOrEmpty(Status) || t.Status == Status)
                .OrderBy(t => Array.FindIndex(Statuses, s => s.Code == t.Status)).ThenBy(t => t.RegionCode).ThenBy(t => t.Number)];
        }
        catch (AppException e)
        {
            Error = e is ValidationFailedException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value)) : e.Message;
        }
    }

    public static string StatusClass(string status) => status switch
    {
        "overdue" or "behind" => "status-below",
        "done" => "status-ok",
        _ => "",
    };
}
