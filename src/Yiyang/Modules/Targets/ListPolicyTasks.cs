using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Targets;

/// <summary>
/// 政策任务看板 (GET /api/policy-tasks?regionCode=&amp;status=): the task tables of the region, its districts and its city,
/// each task with its computed status (on-track, behind, overdue, done).
/// </summary>
public sealed class ListPolicyTasks(PolicyTaskBoard board, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("", async Task<Ok<IReadOnlyList<PolicyTaskDto>>> ([FromQuery] string? regionCode, [FromQuery] string? status,
                ListPolicyTasks handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(regionCode, status, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("政策任务看板：本地区的任务表，每项任务的牵头部门、时限或年度目标、关联指标和计算出的状态（on-track / behind / overdue / done）");

    public async Task<IReadOnlyList<PolicyTaskDto>> HandleAsync(string? regionCode, string? status, CancellationToken ct)
    {
        string[] known = ["on-track", "behind", "overdue", "done"];
        if (!string.IsNullOrWhiteSpace(status) && !known.Contains(status.Trim()))
            throw ValidationFailedException.For("status", "状态只能是 on-track、behind、overdue 或 done。");
        var tasks = await board.LoadAsync(regionCode, null, ct);
        await audit.RecordAsync("targets.tasks.view", "region", regionCode ?? "", null, status, wait: false);
        return string.IsNullOrWhiteSpace(status) ? tasks : [.. tasks.Where(t => t.Status == status.Trim())];
    }
}
