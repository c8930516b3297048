using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Yiyang.Platform.Identifiers;

namespace Yiyang.Modules.Elders;

/// <summary>查询服务对象: elders in the user's scope by name prefix, full ID number or full phone, region and risk flag; one page.</summary>
public sealed class SearchElders(YiyangDb db, CurrentUser user, ElderAccess access, PiiProtector pii, RegionCatalog regions, AuditTrail audit,
    TimeProvider clock, IOptions<ElderOptions> options, IOptions<ListOptions> lists)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<PagedList<ElderListItem>>> (
                [FromQuery] string? q, [FromQuery] string? regionCode, [FromQuery] string? flag,
                [FromQuery] int? page, [FromQuery] int? pageSize, SearchElders handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(new ElderQuery(q, regionCode, flag, page, pageSize), ct)))
            .WithSummary("查询服务对象：姓名前缀、完整身份证号或完整电话；区划含下级乡镇");

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
        var text = query.Q?.Trim();
        var q = Matching(ElderScope.Apply(db.Elders.AsNoTracking(), user), regionCode, flag, text, today);
        var rows = await q.OrderBy(e => e.Name).ThenBy(e => e.Id).Skip((page - 1) * size).Take(size)
            .Select(e => new { e.Id, e.Name, e.Sex, e.BirthDate, e.IdNumberMasked, e.PhoneMasked, e.TownshipCode, e.Flags, e.ResponsibleOrganizationId })
            .ToListAsync(ct);
        // counted only when the page is full (a one-character surname in a city district, or an official's unfiltered
        // list, matches tens of thousands: up to the cap); a search by ID number needs no second statement
        var (total, capped) = await Paging.TotalAsync(q, page, size, rows.Count, lists.Value.MaxCountedResults, ct);
        var items = rows.Select(e => new ElderListItem(e.Id, e.Name, CodeLists.SexName(e.Sex), ElderAccess.Age(e.BirthDate, today), e.IdNumberMasked,
            e.PhoneMasked, e.TownshipCode, regions.Find(e.TownshipCode)?.Name ?? e.TownshipCode, RiskFlagCatalog.Codes(e.Flags),
            e.ResponsibleOrganizationId)).ToList();
        if (!string.IsNullOrEmpty(text))
            await audit.RecordAsync("elder.search", "elder", null, null, $"results={total}{(capped ? "+" : "")}", wait: false);
        return new PagedList<ElderListItem>(items, total, page, size, capped);
    }

    /// <summary>The filters: region (a township, a district, or a longer prefix), risk flag (80+ also by age), and the search text.</summary>
    private IQueryable<Elder> Matching(IQueryable<Elder> q, string? regionCode, RiskFlags? flag, string? text, DateOnly today)
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
        return string.IsNullOrEmpty(text) ? q : Searching(q, text, today);
    }

    /// <summary>A full ID number or phone number matches by keyed hash; anything else is a name prefix.</summary>
    private IQueryable<Elder> Searching(IQueryable<Elder> q, string text, DateOnly today)
    {
        var asId = ChineseIdNumber.TryParse(text, today, out _);
        var asPhone = ElderValidation.NormalizePhone(text, out var phoneErr);
        if (asId is not null)
        {
            var h = access.IdHash(asId.Normalized);
            return q.Where(e => e.IdNumberHash == h);
        }
        if (asPhone is not null && phoneErr is null)
        {
            var h = pii.Hash(ElderRecord.PhoneHashPurpose, asPhone);
            return q.Where(e => e.PhoneHash == h);
        }
        return q.Where(e => e.Name.StartsWith(text));
    }
}
