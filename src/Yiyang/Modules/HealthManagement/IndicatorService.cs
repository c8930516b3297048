using Microsoft.Extensions.Options;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.HealthManagement;

/// <summary>Pure parts of the indicators.</summary>
public static class IndicatorRules
{
    /// <summary>numerator ÷ denominator × 100 with two decimals (half away from zero); null when the denominator is 0.</summary>
    public static decimal? Rate(int numerator, int denominator) =>
        denominator <= 0 ? null : Math.Round(100m * numerator / denominator, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// A region code as /api/elders filters: 9 digits a township, 6 a county, shorter a prefix of the county code (city,
    /// province). A 12-digit statistical code ending in 000 is read as its 9-digit township.
    /// </summary>
    public static string NormalizeRegion(string code) =>
        code.Length == 12 && code.EndsWith("000", StringComparison.Ordinal) ? code[..9] : code;

    public static IQueryable<Elder> InRegion(IQueryable<Elder> q, string code) => code.Length switch
    {
        9 => q.Where(e => e.TownshipCode == code),
        6 => q.Where(e => e.CountyCode == code),
        _ => q.Where(e => e.CountyCode.StartsWith(code)),
    };

    /// <summary>
    /// The region's yearly records by their own region columns, which the database keeps equal to the elder's current
    /// region (migration 20261206070000_RecordsFollowElder): the drill-through of a district or a township walks that
    /// region's index of newest records instead of the city's (ADR 0008: 3.9 → 24 ms from 1/16 to the full city).
    /// A city (4 digits) takes every record; the join with the region's elders decides.
    /// </summary>
    public static IQueryable<HealthCheck> InRegion(IQueryable<HealthCheck> q, string code) => code.Length switch
    {
        9 => q.Where(c => c.TownshipCode == code),
        6 => q.Where(c => c.CountyCode == code),
        _ => q,
    };

    /// <inheritdoc cref="InRegion(IQueryable{HealthCheck}, string)"/>
    public static IQueryable<TcmRecord> InRegion(IQueryable<TcmRecord> q, string code) => code.Length switch
    {
        9 => q.Where(t => t.TownshipCode == code),
        6 => q.Where(t => t.CountyCode == code),
        _ => q,
    };
}

/// <summary>
/// 老年人健康管理率, 老年人中医药健康管理率 and 失能老年人能力评估覆盖率 of a region and year, computed from the records
/// (docs/domain/indicators.md). Denominators are the registered elders in the user's scope: 65+ by the year rule of
/// docs/domain/elders-and-identifiers.md#counts-as-65-plus-in-a-year (the family-doctor coverage rule, <see cref="ContractRules.LatestBirthFor65Plus"/>), or flagged 失能.
/// </summary>
public sealed class IndicatorService(YiyangDb db, CurrentUser user, RegionCatalog regions, AuditTrail audit, TimeProvider clock,
    IOptions<HealthManagementOptions> options, IOptions<IndicatorAggregateOptions> aggregates)
{
    public const int MaxPageSize = 100;

    private static readonly string[] AbilityInstruments = [Gbt42195Scorer.Code, Ltc2021Scorer.Code];

    private DateOnly Today => clock.ChinaToday();

    /// <summary>The default region of the user: their own region, else the county of their organization.</summary>
    public async Task<string?> DefaultRegionAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(user.RegionCode)) return user.RegionCode;
        if (user.OrganizationId is { } org)
            return await db.Organizations.AsNoTracking().Where(o => o.Id == org).Select(o => o.CountyCode).FirstOrDefaultAsync(ct);
        return null;
    }

    public async Task<HealthManagementIndicators> ComputeAsync(string? regionCode, int? year, string? drill, int? page, int? pageSize,
        CancellationToken ct)
    {
        var (y, region, d, p, size) = await ValidateAsync(regionCode, year, drill, page, pageSize, ct);
        var o = options.Value;
        var src = SourcesFor(region.Code, y);
        // regulators and the city operator: the per-township counts of the refresher when fresh enough (exact as of
        // their moment); everyone else, and stale or missing counts: counted live
        var counted = await PreAggregatedAsync(region.Code, y, ct);
        var n = counted ?? await CountLiveAsync(src, ct);

        var age = o.ManagementAge;
        var ageRule = o.CountAgeReachedDuringYear ? $"当年内年满 {age} 周岁" : $"当年 1 月 1 日已满 {age} 周岁";
        var set = await SetTargetsAsync(region.Code, y, ct);
        IndicatorDto I(string c, int num, int den, string def) =>
            new(c, IndicatorCodes.All.First(x => x.Code == c).Name, num, den, IndicatorRules.Rate(num, den),
                set.GetValueOrDefault(c) ?? o.TargetFor(c, y), def);
        var indicators = new List<IndicatorDto>
        {
            I(IndicatorCodes.HealthManagement, n.Checked, n.Aged,
                $"年内有完整健康管理记录（体检、健康指导、体检表完整）的{age}岁及以上人数 ÷ 辖区{age}岁及以上人数"),
            I(IndicatorCodes.TcmManagement, n.Tcm, n.Aged,
                $"年内有完整中医药健康管理记录（体质辨识 + 五方面保健指导）的{age}岁及以上人数 ÷ 辖区{age}岁及以上人数"),
            I(IndicatorCodes.DisabledAssessment, n.Assessed, n.Disabled,
                "年内有已签署的老年人能力评估（GB/T 42195）或长护险失能等级评估的失能老年人数 ÷ 标记为失能的老年人数"),
        };
        var items = await ContributingAsync(src, region.Code, d, (p - 1) * size, size, ct);

        await audit.RecordAsync("healthmgmt.indicators.view", "region", region.Code, null, $"year={y}; drill={d}; page={p}", wait: false);
        var basis = $"分母为平台登记的老年人（本人可查看范围内）：{age} 岁及以上按{ageRule}计；失能按老年人档案的失能标识计。分子只计完整的记录。"
                    + (counted is { } c1 ? $"统计数据截至 {c1.At.ChinaText()}（每 {aggregates.Value.RefreshMinutes:0.#} 分钟更新；贡献记录为实时数据）。" : "");
        // the numerators are the row counts of the drill: one record per elder and year (ux_healthmgmt_check_elder_year,
        // ux_healthmgmt_tcm_elder_year), one row per assessed elder
        var total = d == IndicatorCodes.HealthManagement ? n.Checked : d == IndicatorCodes.TcmManagement ? n.Tcm : n.Assessed;
        return new HealthManagementIndicators(region.Code, regions.FullName(region.Code), y, indicators, d,
            new PagedList<ContributingRecord>(items, total, p, size), basis, counted?.At);
    }

    private async Task<(int Year, Region Region, string Drill, int Page, int Size)> ValidateAsync(string? regionCode, int? year, string? drill,
        int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = Today;
        var y = year ?? today.Year;
        if (y < 2000 || y > today.Year) errors.Add("year", $"年份应在 2000–{today.Year} 之间。");
        var code = string.IsNullOrWhiteSpace(regionCode) ? await DefaultRegionAsync(ct) : IndicatorRules.NormalizeRegion(regionCode.Trim());
        var region = regions.Find(code);
        if (string.IsNullOrEmpty(code)) errors.Add("regionCode", "请选择行政区划。");
        else if (region is null) errors.Add("regionCode", "行政区划代码不存在。");
        var d = string.IsNullOrWhiteSpace(drill) ? IndicatorCodes.HealthManagement : drill.Trim();
        if (IndicatorCodes.All.All(i => i.Code != d)) errors.Add("drill", "指标只能是 " + string.Join("、", IndicatorCodes.All.Select(i => i.Code)) + " 之一。");
        var p = page ?? 1;
        var size = pageSize ?? 20;
        if (p < 1) errors.Add("page", "页码从 1 开始。");
        if (size < 1 || size > MaxPageSize) errors.Add("pageSize", $"每页条数应在 1–{MaxPageSize} 之间。");
        errors.ThrowIfAny();
        return (y, region!, d, p, size);
    }

    /// <summary>The queries behind the three rates: the region's elders in the user's scope and the year's complete records.</summary>
    private sealed record Sources(IQueryable<Elder> Aged, IQueryable<HealthCheck> Checks, IQueryable<TcmRecord> Tcm, IQueryable<Elder> Disabled,
        IQueryable<Assessment> Assessments);

    private Sources SourcesFor(string regionCode, int y)
    {
        var o = options.Value;
        var elders = IndicatorRules.InRegion(ElderScope.Apply(db.Elders.AsNoTracking(), user), regionCode);
        var latest = ContractRules.LatestBirthFor65Plus(y, o.ManagementAge, o.CountAgeReachedDuringYear);
        var disabledBit = (int)RiskFlags.Disabled;
        var from = new DateOnly(y, 1, 1);
        var to = new DateOnly(y, 12, 31);
        return new Sources(
            elders.Where(e => e.BirthDate <= latest),
            db.Set<HealthCheck>().AsNoTracking().Where(c => c.Year == y && c.Complete),
            db.Set<TcmRecord>().AsNoTracking().Where(t => t.Year == y && t.Complete),
            elders.Where(e => ((int)e.Flags & disabledBit) != 0),
            db.Set<Assessment>().AsNoTracking().Where(a => AbilityInstruments.Contains(a.InstrumentCode)
                && (a.Status == AssessmentStatus.Signed || a.Status == AssessmentStatus.Superseded) && a.AssessedOn >= from && a.AssessedOn <= to));
    }

    /// <summary>
    /// Five statements, not one <c>count(*) FILTER (WHERE EXISTS …)</c>: PostgreSQL turns each EXISTS below into a hash semi
    /// join, which it cannot do inside an aggregate's FILTER (measured: the one-statement form was slower, bench/README.md).
    /// </summary>
    private static async Task<Counted> CountLiveAsync(Sources s, CancellationToken ct)
    {
        var (checks, tcm, assessments) = (s.Checks, s.Tcm, s.Assessments);
        var nAged = await s.Aged.CountAsync(ct);
        var nChecked = await s.Aged.CountAsync(e => checks.Any(c => c.ElderId == e.Id), ct);
        var nTcm = await s.Aged.CountAsync(e => tcm.Any(t => t.ElderId == e.Id), ct);
        var nDisabled = await s.Disabled.CountAsync(ct);
        var nAssessed = await s.Disabled.CountAsync(e => assessments.Any(a => a.ElderId == e.Id), ct);
        return new Counted(nAged, nChecked, nTcm, nDisabled, nAssessed, default);
    }

    /// <summary>One page of the records counted in the drilled indicator's numerator, newest first.</summary>
    private async Task<List<ContributingRecord>> ContributingAsync(Sources s, string regionCode, string drill, int start, int size,
        CancellationToken ct)
    {
        if (drill == IndicatorCodes.HealthManagement)
        {
            var q = from c in IndicatorRules.InRegion(s.Checks, regionCode) join e in s.Aged on c.ElderId equals e.Id select new { e.Id, e.Name, e.TownshipCode, RecordId = c.Id, On = c.CheckedOn };
            return (await q.OrderByDescending(x => x.On).ThenBy(x => x.RecordId).Skip(start).Take(size).ToListAsync(ct))
                .Select(x => Contributing(x.Id, x.Name, x.TownshipCode, "health-check", x.RecordId, x.On)).ToList();
        }
        if (drill == IndicatorCodes.TcmManagement)
        {
            var q = from t in IndicatorRules.InRegion(s.Tcm, regionCode) join e in s.Aged on t.ElderId equals e.Id select new { e.Id, e.Name, e.TownshipCode, RecordId = t.Id, On = t.AssessedOn };
            return (await q.OrderByDescending(x => x.On).ThenBy(x => x.RecordId).Skip(start).Take(size).ToListAsync(ct))
                .Select(x => Contributing(x.Id, x.Name, x.TownshipCode, "tcm-record", x.RecordId, x.On)).ToList();
        }
        // one row per elder: the latest assessment of the year
        var assessments = s.Assessments;
        var a = s.Disabled.Where(e => assessments.Any(a => a.ElderId == e.Id)).Select(e => new
        {
            e.Id,
            e.Name,
            e.TownshipCode,
            RecordId = assessments.Where(a => a.ElderId == e.Id).OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id).Select(a => a.Id).First(),
            On = assessments.Where(a => a.ElderId == e.Id).Max(a => a.AssessedOn),
        });
        return (await a.OrderByDescending(x => x.On).ThenBy(x => x.Id).Skip(start).Take(size).ToListAsync(ct))
            .Select(x => Contributing(x.Id, x.Name, x.TownshipCode, "assessment", x.RecordId, x.On)).ToList();
    }

    private sealed record Counted(int Aged, int Checked, int Tcm, int Disabled, int Assessed, DateTimeOffset At);

    /// <summary>
    /// The counts of the region from the per-township table, restricted to the user's region as ElderScope would, or
    /// null when the user's scope is not a region (institution staff), pre-aggregation is off, or the year's counts are
    /// missing, made under another age rule, or older than the freshness limit.
    /// </summary>
    private async Task<Counted?> PreAggregatedAsync(string regionCode, int year, CancellationToken ct)
    {
        var a = aggregates.Value;
        if (!a.PreAggregate) return null;
        string within; // the region whose townships count: the requested one, narrowed to the user's
        if (user.Can(ElderPolicies.AllElders)) within = regionCode;
        else if (Roles.RegionBound.Contains(user.Role) && !string.IsNullOrEmpty(user.RegionCode))
            within = regionCode.StartsWith(user.RegionCode, StringComparison.Ordinal) ? regionCode
                : user.RegionCode.StartsWith(regionCode, StringComparison.Ordinal) ? user.RegionCode : "";
        else return null;
        var refresh = await db.Set<IndicatorRefresh>().AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct);
        if (refresh is null || refresh.Rule != IndicatorAggregator.RuleOf(options.Value)
            || clock.GetUtcNow() - refresh.ComputedAt > TimeSpan.FromMinutes(a.MaxAgeMinutes)) return null;
        if (within.Length == 0) return new Counted(0, 0, 0, 0, 0, refresh.ComputedAt);
        var rows = db.Set<IndicatorCount>().AsNoTracking().Where(x => x.Year == year);
        rows = within.Length switch
        {
            >= 9 => rows.Where(x => x.TownshipCode == within),
            6 => rows.Where(x => x.CountyCode == within),
            _ => rows.Where(x => x.TownshipCode.StartsWith(within)),
        };
        // a few hundred township rows at most for a city: summed here
        var list = await rows.Select(x => new { x.Aged, x.Checked, x.Tcm, x.Disabled, x.Assessed }).ToListAsync(ct);
        return new Counted(list.Sum(x => x.Aged), list.Sum(x => x.Checked), list.Sum(x => x.Tcm), list.Sum(x => x.Disabled),
            list.Sum(x => x.Assessed), refresh.ComputedAt);
    }

    /// <summary>
    /// The targets the bureaus set for the region and year in the catalogue (docs/domain/targets.md#targets), by this
    /// page's codes; the configured defaults apply where none is set.
    /// </summary>
    private async Task<Dictionary<string, decimal?>> SetTargetsAsync(string regionCode, int year, CancellationToken ct)
    {
        (string Page, string Catalogue)[] codes =
        [
            (IndicatorCodes.HealthManagement, "elder-health-management-rate"), (IndicatorCodes.TcmManagement, "tcm-health-management-rate"),
            (IndicatorCodes.DisabledAssessment, "ltc-assessment-coverage"),
        ];
        var ancestry = Targets.TargetRules.Ancestry(regionCode);
        var catalogue = codes.Select(c => c.Catalogue).ToList();
        var set = await db.Set<Targets.IndicatorTarget>().AsNoTracking()
            .Where(t => t.Year == year && ancestry.Contains(t.RegionCode) && catalogue.Contains(t.IndicatorCode)).ToListAsync(ct);
        return codes.ToDictionary(c => c.Page,
            c => Targets.TargetRules.Resolve(set.Where(t => t.IndicatorCode == c.Catalogue), regionCode)?.Value);
    }

    private ContributingRecord Contributing(long elderId, string name, string township, string kind, long recordId, DateOnly on) =>
        new(elderId, Masking.Name(name), township, regions.Find(township)?.Name ?? township, kind, recordId, on);
}
