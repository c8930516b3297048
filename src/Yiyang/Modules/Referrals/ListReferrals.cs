using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Referrals;

public sealed record ReferralQuery(string? Box, long? OrganizationId, string? Status, string? Direction, int? Page, int? PageSize);

/// <summary>
/// 收件箱 / 发件箱: the referrals addressed to (inbox) or sent by (outbox) an organization, newest first, with the waiting
/// time of open ones. Staff see their own organization's boxes; the city operator names the organization.
/// </summary>
public sealed class ListReferrals(YiyangDb db, CurrentUser user, TimeProvider clock, ReferralAccess access)
{
    private const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<PagedList<ReferralListItem>>> (
                [FromQuery] string? box, [FromQuery] long? organizationId, [FromQuery] string? status, [FromQuery] string? direction,
                [FromQuery] int? page, [FromQuery] int? pageSize, ListReferrals handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(new ReferralQuery(box, organizationId, status, direction, page, pageSize), ct)))
            .ProducesProblems(400, 404)
            .WithSummary("收件箱 box=inbox（发给本机构）/ 发件箱 box=outbox（本机构发出），可按状态、方向筛选；含等待时长（分钟）");

    public async Task<PagedList<ReferralListItem>> HandleAsync(ReferralQuery q, CancellationToken ct)
    {
        access.DemandStaff();
        var query = Filter(q);
        var page = Math.Max(1, q.Page ?? 1);
        var size = Math.Clamp(q.PageSize ?? 50, 1, MaxPageSize);
        var total = await query.CountAsync(ct);
        var rows = await (from r in query
                          join e in db.Elders.AsNoTracking() on r.ElderId equals e.Id
                          orderby r.RequestedAt descending, r.Id descending
                          select new { r, e.Name, e.Sex, e.BirthDate }).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var orgIds = rows.SelectMany(x => new[] { x.r.FromOrganizationId, x.r.ToOrganizationId }).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var now = clock.GetUtcNow();
        var today = clock.ChinaToday();
        var items = rows.Select(x =>
        {
            var r = x.r;
            var age = today.Year - x.BirthDate.Year - (today < x.BirthDate.AddYears(today.Year - x.BirthDate.Year) ? 1 : 0);
            return new ReferralListItem(r.Id, ReferralRules.DirectionCode(r.Direction), ReferralRules.DirectionName(r.Direction),
                ReferralRules.StatusCode(r.Status), ReferralRules.StatusName(r.Status), r.ElderId, Masking.Name(x.Name), age, CodeLists.SexName(x.Sex),
                new OrgRef(r.FromOrganizationId, names.GetValueOrDefault(r.FromOrganizationId, "")), new OrgRef(r.ToOrganizationId, names.GetValueOrDefault(r.ToOrganizationId, "")),
                r.ToDepartment, ReferralRules.FindIndication(r.Indication)?.Name ?? r.Indication, ReferralRules.UrgencyCode(r.Urgency), ReferralRules.UrgencyName(r.Urgency),
                r.RequestedAt, r.AcceptedAt, r.ArrivedAt, ReferralRules.MinutesToAccept(r.RequestedAt, r.AcceptedAt),
                ReferralRules.MinutesToArrive(r.RequestedAt, r.ArrivedAt), ReferralRules.WaitingMinutes(r.Status, r.RequestedAt, r.AcceptedAt, now));
        }).ToList();
        return new PagedList<ReferralListItem>(items, total, page, size);
    }

    /// <summary>The box of the organization, by status and direction (400 on an unknown value, 404 for another organization's box).</summary>
    private IQueryable<Referral> Filter(ReferralQuery q)
    {
        var box = (q.Box ?? "inbox").Trim();
        if (box is not ("inbox" or "outbox")) throw ValidationFailedException.For("box", "box 只能是 inbox（收到的转诊）或 outbox（发出的转诊）。");
        var anyOrganization = access.SeesAll;
        long? org = anyOrganization ? q.OrganizationId : user.OrganizationId;
        if (!anyOrganization && q.OrganizationId is { } asked && asked != org) throw new NotFoundException("未找到该机构的转诊，或您无权查看。");
        var query = access.Scoped().AsNoTracking();
        if (org is { } o) query = box == "inbox" ? query.Where(r => r.ToOrganizationId == o) : query.Where(r => r.FromOrganizationId == o);
        if (!string.IsNullOrWhiteSpace(q.Status))
        {
            var s = ReferralRules.ParseStatus(q.Status)
                    ?? throw ValidationFailedException.For("status", "状态只能是 requested、accepted、arrived、returned、completed、rejected 或 withdrawn。");
            query = query.Where(r => r.Status == s);
        }
        if (!string.IsNullOrWhiteSpace(q.Direction))
        {
            var d = ReferralRules.ParseDirection(q.Direction) ?? throw ValidationFailedException.For("direction", "方向只能是 up 或 down。");
            query = query.Where(r => r.Direction == d);
        }
        return query;
    }
}
