namespace Yiyang.Modules.Targets;

/// <summary>A progress report (POST /api/policy-tasks/{id}/reports).</summary>
public sealed record PolicyTaskReportInput(string? Text, bool? Done);

/// <summary>
/// 报送进展: the lead bureau's regulator files a progress report on a task of their region; <c>done</c> declares it
/// completed (a task judged by indicators stays behind while they are below target).
/// </summary>
public sealed class FilePolicyTaskReport(YiyangDb db, CurrentUser user, GetPolicyTask get, AuditTrail audit, TimeProvider clock)
{
    public const int MaxText = 2000;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/reports", async Task<Created<PolicyTaskDetail>> (long id, PolicyTaskReportInput input, FilePolicyTaskReport handler,
                CancellationToken ct) => TypedResults.Created($"/api/policy-tasks/{id}", await handler.HandleAsync(id, input, ct)))
            .RequireAuthorization(TargetsPolicies.Set)
            .ProducesProblems(400, 403, 404)
            .WithSummary("报送任务进展（牵头部门的监管人员）：进展说明，done=true 表示任务已完成");

    public async Task<PolicyTaskDetail> HandleAsync(long id, PolicyTaskReportInput input, CancellationToken ct)
    {
        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text)) throw ValidationFailedException.For("text", "请填写进展说明。");
        if (text.Length > MaxText) throw ValidationFailedException.For("text", $"进展说明最多 {MaxText} 个字。");
        var detail = await get.HandleAsync(id, ct);
        if (!detail.MayReport) throw new ForbiddenException($"该任务由{detail.Task.LeadBureauName}报送进展。");
        db.Add(new PolicyTaskReport { TaskId = id, Text = text, Done = input.Done == true, FiledByUser = user.UserName, FiledAt = clock.GetUtcNow() });
        await audit.RecordAsync("targets.task.report", "policy-task", id.ToString(), null, input.Done == true ? "done" : "progress");
        await db.SaveChangesAsync(ct);
        return await get.HandleAsync(id, ct);
    }
}
