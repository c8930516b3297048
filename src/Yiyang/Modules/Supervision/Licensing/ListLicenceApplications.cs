namespace Yiyang.Modules.Supervision;

/// <summary>
/// 申请列表: the bureau's (its kinds, its region) or the organization admin's own. <c>open=true</c>: undecided ones, by
/// deadline; <c>overdue=true</c>: past the deadline, undecided — the bureau's work list.
/// </summary>
public sealed class ListLicenceApplications(LicensingAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("", async Task<Ok<IReadOnlyList<LicenceApplicationDto>>> (string? status, bool? open, bool? overdue, long? organizationId,
                ListLicenceApplications handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(status, open ?? false, overdue ?? false, organizationId, ct)))
            .ProducesProblems(400, 403)
            .WithSummary("许可申请列表：status、open=true（办理中）、overdue=true（超过办理时限未决定）、organizationId");

    public async Task<IReadOnlyList<LicenceApplicationDto>> HandleAsync(string? status, bool open, bool overdue, long? organizationId, CancellationToken ct)
    {
        if (status is not null && !LicensingRules.States.Contains(status))
            throw ValidationFailedException.For("status", $"状态只能是 {string.Join("、", LicensingRules.States)}。");
        var q = access.Applications();
        if (status is not null) q = q.Where(a => a.Status == status);
        if (open || overdue)
            q = q.Where(a => a.Status == LicensingRules.Submitted || a.Status == LicensingRules.Accepted || a.Status == LicensingRules.DocumentsRequested);
        if (overdue)
        {
            var today = access.Today;
            q = q.Where(a => a.Status != LicensingRules.Submitted && a.DeadlineOn != null && a.DeadlineOn < today); // a stopped clock has no deadline
        }
        if (organizationId is { } org) q = q.Where(a => a.OrganizationId == org);
        var rows = await q.OrderBy(a => a.DeadlineOn == null).ThenBy(a => a.DeadlineOn).ThenByDescending(a => a.Id).Take(500).ToListAsync(ct);
        return await access.ToDtosAsync(rows, false, ct);
    }
}
