namespace Yiyang.Modules.Supervision;

/// <summary>
/// 整改事项列表: the findings of the inspections the user reads (a regulator: the plans of their bureau and region; an
/// organization's admin: their own; an inspector: those they inspected). <c>overdue=true</c>: only those past their due
/// date without an answer — the bureau's work list.
/// </summary>
public sealed class ListFindings(FindingAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("", async Task<Ok<IReadOnlyList<FindingDto>>> (bool? overdue, string? status, long? organizationId, ListFindings handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(overdue ?? false, status, organizationId, ct)))
            .ProducesProblems(400, 403)
            .WithSummary("整改事项列表：overdue=true 只列逾期未反馈的；status（open|answered|closed|escalated）；organizationId");

    public async Task<IReadOnlyList<FindingDto>> HandleAsync(bool overdue, string? status, long? organizationId, CancellationToken ct)
    {
        if (status is not null && status is not ("open" or "answered" or "closed" or "escalated"))
            throw ValidationFailedException.For("status", "状态只能是 open、answered、closed 或 escalated。");
        var q = access.Readable();
        if (overdue)
        {
            var today = access.Inspections.Today;
            q = q.Where(f => f.Status == "open" && f.DueOn < today);
        }
        if (status is not null) q = q.Where(f => f.Status == status);
        if (organizationId is { } org) q = q.Where(f => f.OrganizationId == org);
        var rows = await q.OrderBy(f => f.DueOn).ThenBy(f => f.Id).Take(500).ToListAsync(ct);
        return await access.ToDtosAsync(rows, ct);
    }
}
