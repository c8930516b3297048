using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.FamilyDoctor;

/// <summary>签约覆盖: contracted elders against the 65+ and the home-bound (台账) elders, per township of a region.</summary>
public sealed class GetCoverage(
    YiyangDb db, CurrentUser user, RegionCatalog regions, AuditTrail audit, TimeProvider clock, IOptions<ElderOptions> elderOptions,
    IOptions<FamilyDoctorOptions> options)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/coverage", async Task<Ok<CoverageReport>> ([FromQuery] string? regionCode, [FromQuery] int? year, GetCoverage handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(regionCode, year, ct)))
            .ProducesProblems(400)
            .WithSummary("签约覆盖：各乡镇（街道）签约人数 / 65 岁及以上人数、签约人数 / 台账行动不便老人数");

    /// <summary>
    /// 签约覆盖 per township under <paramref name="regionCode"/> for a calendar year, within the user's elder scope.
    /// Contracted = elders with a contract in effect on at least one day of the year; 65+ = turning 65 or older in
    /// that year (docs/domain/elders-and-identifiers.md#counts-as-65-plus-in-a-year, FamilyDoctorOptions; docs/domain/family-doctor.md#coverage); the population is the elders registered on the platform; home-bound = the ledger's flags (ElderOptions.LedgerFlags), 高龄 as of the year's end
    /// (or today for the current year).
    /// </summary>
    public async Task<CoverageReport> HandleAsync(string? regionCode, int? year, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = clock.ChinaToday();
        var y = year ?? today.Year;
        if (y < 2000 || y > today.Year) errors.Add("year", $"年份应在 2000–{today.Year} 之间。");
        var code = string.IsNullOrWhiteSpace(regionCode) ? user.RegionCode : regionCode.Trim();
        var region = regions.Find(code);
        if (string.IsNullOrEmpty(code)) errors.Add("regionCode", "请选择行政区划。");
        else if (region is null) errors.Add("regionCode", "行政区划代码不存在。");
        errors.ThrowIfAny();

        var townships = regions.TownshipsUnder(region!.Code).ToList();
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        elders = code!.Length >= 9 ? elders.Where(e => e.TownshipCode == code) : elders.Where(e => e.TownshipCode.StartsWith(code));

        var yearStart = new DateOnly(y, 1, 1);
        var yearEnd = new DateOnly(y, 12, 31);
        var contracted = db.Set<FamilyDoctorContract>().AsNoTracking()
            .Where(c => c.StartDate <= yearEnd && c.EndDate >= yearStart && (c.TerminatedOn == null || (c.TerminatedOn >= yearStart && c.TerminatedOn >= c.StartDate)))
            .Select(c => c.ElderId);
        var latest65 = ContractRules.LatestBirthFor65Plus(y, options.Value.CoverageAge, options.Value.CountAgeReachedDuringYear);
        var bits = elderOptions.Value.LedgerFlags.Select(c => RiskFlagCatalog.Parse(c) ?? RiskFlags.None).Aggregate(RiskFlags.None, (a, b) => a | b);
        var mask = (int)bits;
        var includeAge = bits.HasFlag(RiskFlags.OldestOld);
        var cutoff80 = (y == today.Year ? today : yearEnd).AddYears(-80);

        async Task<Dictionary<string, int>> Count(IQueryable<Elder> q) =>
            (await q.GroupBy(e => e.TownshipCode).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.N);

        var aged = elders.Where(e => e.BirthDate <= latest65);
        var ledger = elders.Where(e => ((int)e.Flags & mask) != 0 || (includeAge && e.BirthDate <= cutoff80));
        var nContracted = await Count(elders.Where(e => contracted.Contains(e.Id)));
        var n65 = await Count(aged);
        var nContracted65 = await Count(aged.Where(e => contracted.Contains(e.Id)));
        var nLedger = await Count(ledger);
        var nContractedLedger = await Count(ledger.Where(e => contracted.Contains(e.Id)));

        CoverageRow Row(string c, string name, Func<Dictionary<string, int>, int> get) =>
            new(c, name, get(nContracted), get(n65), get(nContracted65), ContractRules.RatePercent(get(nContracted65), get(n65)),
                get(nLedger), get(nContractedLedger), ContractRules.RatePercent(get(nContractedLedger), get(nLedger)));

        var rows = townships.Select(t => Row(t.Code, t.Name, d => d.GetValueOrDefault(t.Code))).ToList();
        var total = Row(region.Code, "合计", d => d.Values.Sum());
        await audit.RecordAsync("familydoctor.coverage.view", "region", region.Code, null, $"year={y}", wait: false);
        var o = options.Value;
        var basis = $"人数为平台登记的老年人（本人可查看范围内）；{o.CoverageAge} 岁及以上按" +
                    (o.CountAgeReachedDuringYear ? $"当年内年满 {o.CoverageAge} 周岁计" : $"当年 1 月 1 日已满 {o.CoverageAge} 周岁计") +
                    "；行动不便老年人按台账标准计；当年任一天有效的签约计入。";
        return new CoverageReport(region.Code, regions.FullName(region.Code), y, rows, total, o.CoverageAge, basis);
    }
}
