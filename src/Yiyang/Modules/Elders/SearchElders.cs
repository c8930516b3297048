using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Elders;

/// <summary>
/// 查询服务对象: elders in the user's scope by name prefix, full ID number or full phone, region and risk flag; one page.
/// A full ID number or phone is an exact search: only roles that may reveal phones search by phone (403 otherwise), each
/// user has <see cref="ExactSearchThrottle"/>'s quota, and each one is audited with the query's keyed hash and the matches
/// (docs/domain/elders-and-identifiers.md#exact-searches).
/// </summary>
public sealed class SearchElders(YiyangDb db, CurrentUser user, ElderAccess access, PiiProtector pii, RegionCatalog regions, AuditTrail audit,
    TimeProvider clock, IOptions<ElderOptions> options, IOptions<ListOptions> lists, ExactSearchThrottle throttle)
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/", async Task<Ok<PagedList<ElderListItem>>> (
                [FromQuery] string? q, [FromQuery] string? regionCode, [FromQuery] string? flag,
                [FromQuery] int? page, [FromQuery] int? pageSize, SearchElders handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(new ElderQuery(q, regionCode, flag, page, pageSize), ct)))
            .ProducesProblems(400, 403, 429)
            .WithSummary("查询服务对象：姓名前缀、完整身份证号或完整电话；区划含下级乡镇")
            .WithDescription("按完整身份证号或电话的精确查找每人每小时限次（超出 429，带 Retry-After），逐次审计；无权查看完整电话的角色不能按电话查找（403）。"
                + "q 放在查询串中仅为兼容旧客户端：完整证件号会进入代理和访问日志，页面改用 POST 表单提交。");
        // the same search with the text in the body, so that a full ID number or phone stays out of URLs (the elder picker)
        api.MapPost("/search", async Task<Ok<PagedList<ElderListItem>>> (ElderQuery? query, SearchElders handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(query ?? new ElderQuery(null, null, null, null, null), ct)))
            .ProducesProblems(400, 403, 429)
            .WithSummary("查询服务对象（查找文字放在请求体中）：同 GET /api/elders，供选择老年人的控件使用")
            .WithDescription("请求体 {q, regionCode, flag, page, pageSize}；完整身份证号或电话的精确查找同样限次并逐次审计（超出 429）。");
    }

    public async Task<PagedList<ElderListItem>> HandleAsync(ElderQuery query, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = query.Page ?? 1;
        var size = query.PageSize ?? 20;
        if (page < 1) errors.Add("page", "页码从 1 开始。");
        if (size < 1 || size > options.Value.MaxPageSize) errors.Add("pageSize", $"每页条数应在 1–{options.Value.MaxPageSize} 之间。");
        RiskFlags? flag = null;
        if (!string.IsNullOrWhiteSpace(query.Flag))
        {
            flag = RiskFlagCatalog.Parse(query.Flag.Trim());
            if (flag is null) errors.Add("flag", "未知的风险标识。");
        }
        var regionCode = query.RegionCode?.Trim();
        if (!string.IsNullOrEmpty(regionCode) && regions.Find(regionCode) is null) errors.Add("regionCode", "行政区划代码不存在。");
        errors.ThrowIfAny();

        var today = clock.ChinaToday();
        var search = ElderSearchText.Classify(query.Q, today);
        if (search.Kind == ElderSearchKind.Phone && !Policies.MayReveal(user.Role, "phone"))
        {
            await audit.RecordAsync("elder.search.denied", "elder", null, null, "kind=phone", wait: false);
            throw new ForbiddenException("您的角色不能按电话号码查找老年人，请按姓名或身份证号查找。");
        }
        if (search.IsExact) await throttle.TakeAsync(user.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? user.UserName, ct);
        var q = Matching(ElderScope.Apply(db.Elders.AsNoTracking(), user), regionCode, flag, search, today);
        var rows = await q.OrderBy(e => e.Name).ThenBy(e => e.Id).Skip((page - 1) * size).Take(size)
            .Select(e => new { e.Id, e.Name, e.Sex, e.BirthDate, e.IdNumberMasked, e.PhoneMasked, e.TownshipCode, e.Flags, e.ResponsibleOrganizationId })
            .ToListAsync(ct);
        // counted only when the page is full (a one-character surname in a city district, or an official's unfiltered
        // list, matches tens of thousands: up to the cap); a search by ID number needs no second statement
        var (total, capped) = await Paging.TotalAsync(q, page, size, rows.Count, lists.Value.MaxCountedResults, ct);
        var items = rows.Select(e => new ElderListItem(e.Id, e.Name, CodeLists.SexName(e.Sex), ElderAccess.Age(e.BirthDate, today), e.IdNumberMasked,
            e.PhoneMasked, e.TownshipCode, regions.Find(e.TownshipCode)?.Name ?? e.TownshipCode, RiskFlagCatalog.Codes(e.Flags),
            e.ResponsibleOrganizationId)).ToList();
        // who listed which page of which elders (the name searched for is not recorded: it is personal data)
        if (search.IsExact) await AuditExactAsync(search, rows.Select(r => r.Id).ToList(), total);
        else
            await audit.RecordListAsync("elder.list", "elder", regionCode, page, rows.Select(r => r.Id),
                $"kind={(search.Kind == ElderSearchKind.Name ? "name" : "all")}{(flag is { } f ? $"; flag={RiskFlagCatalog.Codes(f).FirstOrDefault()}" : "")}; results={total}{(capped ? "+" : "")}");
        return new PagedList<ElderListItem>(items, total, page, size, capped);
    }

    /// <summary>
    /// Who looked up which identifier and whom it found: the keyed hash of the query (the same HMAC as the record's lookup
    /// hash, so an auditor holding a record can find every search for it, hit or miss) and the matched elders' ids.
    /// </summary>
    private Task AuditExactAsync(ElderSearch search, List<long> matched, int total)
    {
        var hash = search.Kind == ElderSearchKind.IdNumber ? access.IdHash(search.Normalized) : pii.Hash(ElderRecord.PhoneHashPurpose, search.Normalized);
        var shown = string.Join(",", matched.Take(40));
        var detail = $"kind={(search.Kind == ElderSearchKind.IdNumber ? "id" : "phone")}; hash={Convert.ToHexStringLower(hash)}; results={total}; matched={shown}"
                     + (total > 40 ? ",…" : "");
        return audit.RecordAsync("elder.search.exact", "elder", null, matched.Count == 1 ? matched[0] : null, detail, wait: false);
    }

    /// <summary>The filters: region (a township, a district, or a longer prefix), risk flag (80+ also by age), and the search text.</summary>
    private IQueryable<Elder> Matching(IQueryable<Elder> q, string? regionCode, RiskFlags? flag, ElderSearch search, DateOnly today)
    {
        if (!string.IsNullOrEmpty(regionCode))
        {
            q = regionCode.Length switch
            {
                9 => q.Where(e => e.TownshipCode == regionCode),
                6 => q.Where(e => e.CountyCode == regionCode),
                _ => q.Where(e => e.CountyCode.StartsWith(regionCode)),
            };
        }
        if (flag is { } f)
        {
            var bits = (int)f;
            q = f == RiskFlags.OldestOld
                ? q.Where(e => ((int)e.Flags & bits) != 0 || e.BirthDate <= today.AddYears(-80))
                : q.Where(e => ((int)e.Flags & bits) != 0);
        }
        switch (search.Kind)
        {
            case ElderSearchKind.IdNumber:
                var idHash = access.IdHash(search.Normalized);
                return q.Where(e => e.IdNumberHash == idHash);
            case ElderSearchKind.Phone:
                var phoneHash = pii.Hash(ElderRecord.PhoneHashPurpose, search.Normalized);
                return q.Where(e => e.PhoneHash == phoneHash);
            case ElderSearchKind.Name:
                return q.Where(e => e.Name.StartsWith(search.Normalized));
            default:
                return q;
        }
    }
}
