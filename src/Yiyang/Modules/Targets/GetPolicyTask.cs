namespace Yiyang.Modules.Targets;

/// <summary>A task with its reports, newest first.</summary>
public sealed record PolicyTaskDetail(PolicyTaskDto Task, IReadOnlyList<PolicyTaskReportDto> Reports, bool MayReport);

public sealed record PolicyTaskReportDto(long Id, string Text, bool Done, string FiledBy, DateTimeOffset FiledAt);

/// <summary>One task (GET /api/policy-tasks/{id}): 404 outside the user's region.</summary>
public sealed class GetPolicyTask(YiyangDb db, CurrentUser user, PolicyTaskBoard board, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<PolicyTaskDetail>> (long id, GetPolicyTask handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404)
            .WithSummary("一项政策任务：内容、依据、牵头与配合单位、年度目标、关联指标、状态和历次进展报告");

    public async Task<PolicyTaskDetail> HandleAsync(long id, CancellationToken ct)
    {
        var task = (await board.LoadAsync(null, id, ct)).SingleOrDefault() ?? throw new NotFoundException("未找到该任务，或不在您的辖区内。");
        var reports = await db.Set<PolicyTaskReport>().AsNoTracking().Where(r => r.TaskId == id).OrderByDescending(r => r.FiledAt).ThenByDescending(r => r.Id)
            .Select(r => new PolicyTaskReportDto(r.Id, r.Text, r.Done, r.FiledByUser, r.FiledAt)).ToListAsync(ct);
        await audit.RecordAsync("targets.task.view", "policy-task", id.ToString(), null, null, wait: false);
        return new PolicyTaskDetail(task, reports, MayReport(user, task));
    }

    /// <summary>A regulator of the lead bureau whose region covers the task's (or lies within it).</summary>
    internal static bool MayReport(CurrentUser user, PolicyTaskDto task) =>
        user.Can(TargetsPolicies.Set) && user.Bureau == task.LeadBureau && !string.IsNullOrEmpty(user.RegionCode)
        && (task.RegionCode.StartsWith(user.RegionCode, StringComparison.Ordinal) || user.RegionCode.StartsWith(task.RegionCode, StringComparison.Ordinal));
}
