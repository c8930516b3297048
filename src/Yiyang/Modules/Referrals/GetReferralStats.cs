using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Referrals;

/// <summary>
/// 转诊统计: counts and response times of an organization's referrals requested in [from, to] (China dates; default the
/// last 30 days): sent and received, by direction and status; acceptance rate = accepted / (accepted + rejected); minutes
/// from request to acceptance and to arrival (average and median). Staff: their organization; regulators: organizations
/// in their region; the city operator: any.
/// </summary>
public sealed class GetReferralStats(YiyangDb db, CurrentUser user, TimeProvider clock, ReferralAccess access)
{
    /// <summary>Statistics are also for regulators, so outside the referral group's policy.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/referrals/stats", async Task<Ok<ReferralStatsDto>> (
                [FromQuery] long? organizationId, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, GetReferralStats handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(organizationId, from, to, ct)))
            .WithTags("Referrals").RequireAuthorization(ReferralPolicies.Stats)
            .ProducesProblems(400, 404)
            .WithSummary("转诊统计：发出/收到的数量（按方向、状态）、接收率、申请至接收与申请至到达的平均/中位分钟数（缺省近 30 天）");

    private sealed record Row(long FromOrganizationId, long ToOrganizationId, ReferralDirection Direction, ReferralStatus Status,
        DateTimeOffset RequestedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ArrivedAt);

    public async Task<ReferralStatsDto> HandleAsync(long? organizationId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        user.Demand(ReferralPolicies.Stats);
        var orgId = organizationId ?? user.OrganizationId ?? throw ValidationFailedException.For("organizationId", "请指定机构。");
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (!Sees(org)) throw new NotFoundException("未找到该机构，或您无权查看。");
        var end = to ?? clock.ChinaToday();
        var start = from ?? end.AddDays(-29);
        if (start > end) throw ValidationFailedException.For("from", "起始日期不能晚于截止日期。");
        if (end.DayNumber - start.DayNumber > 366) throw ValidationFailedException.For("from", "统计区间最长一年。");
        var lo = start.ChinaStartOfDay().ToUniversalTime();
        var hi = end.AddDays(1).ChinaStartOfDay().ToUniversalTime();
        var rows = await db.Set<Referral>().AsNoTracking()
            .Where(r => (r.FromOrganizationId == orgId || r.ToOrganizationId == orgId) && r.RequestedAt >= lo && r.RequestedAt < hi)
            .Select(r => new Row(r.FromOrganizationId, r.ToOrganizationId, r.Direction, r.Status, r.RequestedAt, r.AcceptedAt, r.ArrivedAt))
            .ToListAsync(ct);
        return new ReferralStatsDto(org!.Id, org.Name, start, end,
            Side(rows.Where(r => r.FromOrganizationId == orgId).ToList()), Side(rows.Where(r => r.ToOrganizationId == orgId).ToList()));
    }

    /// <summary>The city operator any organization; staff their own; regulators those in their region.</summary>
    private bool Sees(Organization? org) => org is not null && (access.SeesAll
        || (user.Can(ReferralPolicies.OwnOrganization) && user.OrganizationId == org.Id)
        || (user.Can(ReferralPolicies.RegionStats) && user.Covers(org.TownshipCode)));

    private static ReferralSideStats Side(List<Row> set)
    {
        var accept = set.Select(r => ReferralRules.MinutesToAccept(r.RequestedAt, r.AcceptedAt)).OfType<int>().ToList();
        var arrive = set.Select(r => ReferralRules.MinutesToArrive(r.RequestedAt, r.ArrivedAt)).OfType<int>().ToList();
        var accepted = set.Count(r => r.AcceptedAt is not null);
        var rejected = set.Count(r => r.Status == ReferralStatus.Rejected);
        return new ReferralSideStats(set.Count, set.Count(r => r.Direction == ReferralDirection.Up), set.Count(r => r.Direction == ReferralDirection.Down),
            Enum.GetValues<ReferralStatus>().ToDictionary(ReferralRules.StatusCode, s => set.Count(r => r.Status == s)),
            accepted, rejected, set.Count(r => r.Status == ReferralStatus.Withdrawn), set.Count(r => ReferralRules.IsWaiting(r.Status)),
            accepted + rejected == 0 ? null : Math.Round((decimal)accepted / (accepted + rejected), 4),
            accept.Count == 0 ? null : Math.Round(accept.Average(), 1), Median(accept),
            arrive.Count == 0 ? null : Math.Round(arrive.Average(), 1), Median(arrive));
    }

    private static double? Median(List<int> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
    }
}
