using System.Linq.Expressions;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Targets;

namespace Yiyang.Modules.FamilyDoctor;

// The catalogue entries of 签约覆盖, with the rules of GetCoverage (docs/domain/family-doctor.md#coverage).

/// <summary>家庭医生签约率 (65+): 65+ elders with a contract in effect on a day of the year ÷ 65+ elders.</summary>
public sealed class FamilyDoctorSigningRate(StaleReads db, IOptions<FamilyDoctorOptions> options) : ElderIndicator(db)
{
    public override IndicatorDefinition Definition { get; } = new("family-doctor-signing-rate", "65岁及以上老年人家庭医生签约率",
        IndicatorUnit.Percent, "当年任一天签约有效的65岁及以上老年人数", "平台登记的65岁及以上老年人数", "老年人档案；家庭医生签约",
        "王益区任务 13；西安（做实老年人家庭医生签约服务）", Bureaus.Health);

    protected override IQueryable<Elder> Population(IndicatorPeriod period)
    {
        var latest = ContractRules.LatestBirthFor65Plus(period.Year, options.Value.CoverageAge, options.Value.CountAgeReachedDuringYear);
        return Elders.Where(e => e.BirthDate <= latest);
    }

    protected override Expression<Func<Elder, bool>> Counted(IndicatorPeriod period) => Signed(Db, period);

    /// <summary>A contract in effect on at least one day of the year (not terminated before 1 January or before its start).</summary>
    internal static Expression<Func<Elder, bool>> Signed(YiyangDb db, IndicatorPeriod period)
    {
        var (from, to) = (period.YearStart, period.YearEnd);
        var contracts = db.Set<FamilyDoctorContract>().AsNoTracking()
            .Where(c => c.StartDate <= to && c.EndDate >= from && (c.TerminatedOn == null || (c.TerminatedOn >= from && c.TerminatedOn >= c.StartDate)));
        return e => contracts.Any(c => c.ElderId == e.Id);
    }
}

/// <summary>重点人群签约率: elders of the ledger (失能, 失智, 高龄, 残疾, 独居 …) with a contract ÷ elders of the ledger.</summary>
public sealed class KeyPopulationSigningRate(StaleReads db, IOptions<ElderOptions> elderOptions, TimeProvider clock) : ElderIndicator(db)
{
    public override IndicatorDefinition Definition { get; } = new("key-population-signing-rate", "重点人群（行动不便老年人）家庭医生签约率",
        IndicatorUnit.Percent, "当年任一天签约有效的台账老年人数（失能、失智、高龄、残疾、独居等）", "台账老年人数（高龄按年末或今天计）",
        "老年人档案（台账标识、出生日期）；家庭医生签约", "王益区任务 13（高龄、重病、失能等行动不便老年人）", Bureaus.Health);

    protected override IQueryable<Elder> Population(IndicatorPeriod period)
    {
        var bits = elderOptions.Value.LedgerFlags.Select(c => RiskFlagCatalog.Parse(c) ?? RiskFlags.None).Aggregate(RiskFlags.None, (a, b) => a | b);
        var mask = (int)bits;
        var includeAge = bits.HasFlag(RiskFlags.OldestOld);
        var cutoff80 = (period.Year == clock.ChinaToday().Year ? clock.ChinaToday() : period.YearEnd).AddYears(-80);
        return Elders.Where(e => ((int)e.Flags & mask) != 0 || (includeAge && e.BirthDate <= cutoff80));
    }

    protected override Expression<Func<Elder, bool>> Counted(IndicatorPeriod period) => FamilyDoctorSigningRate.Signed(Db, period);
}
