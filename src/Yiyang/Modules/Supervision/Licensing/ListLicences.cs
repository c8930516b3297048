namespace Yiyang.Modules.Supervision;

/// <summary>
/// 证照列表: the licences the user reads (the bureau's kinds in its region, or the organization's own), newest first.
/// <c>expiringWithinDays</c>: only those still valid that expire within that many days (the bureau's list uses 60).
/// </summary>
public sealed class ListLicences(LicensingAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("", async Task<Ok<IReadOnlyList<LicenceDto>>> (int? expiringWithinDays, long? organizationId, ListLicences handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(expiringWithinDays, organizationId, ct)))
            .ProducesProblems(400, 403)
            .WithSummary("证照列表：expiringWithinDays（0–3650，只列即将到期的，默认不筛选；工作台用 60）、organizationId");

    public async Task<IReadOnlyList<LicenceDto>> HandleAsync(int? expiringWithinDays, long? organizationId, CancellationToken ct)
    {
        if (expiringWithinDays is < 0 or > 3650) throw ValidationFailedException.For("expiringWithinDays", "天数应为 0–3650。");
        var q = access.Licences();
        if (organizationId is { } org) q = q.Where(l => l.OrganizationId == org);
        if (expiringWithinDays is { } days)
        {
            var today = access.Today;
            var until = today.AddDays(days);
            q = q.Where(l => l.ValidTo >= today && l.ValidTo <= until).OrderBy(l => l.ValidTo).ThenBy(l => l.Id);
        }
        else q = q.OrderByDescending(l => l.IssuedAt).ThenByDescending(l => l.Id);
        return await access.ToLicenceDtosAsync(await q.Take(500).ToListAsync(ct), ct);
    }
}
