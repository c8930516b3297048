using System.Linq.Expressions;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.Targets;

namespace Yiyang.Modules.HealthManagement;

// The catalogue entries of the health-management rates, with the rules of IndicatorService (docs/domain/indicators.md).

/// <summary>老年人健康管理率: 65+ elders with a complete yearly record ÷ 65+ elders.</summary>
public sealed class ElderHealthManagementRate(StaleReads db, IOptions<HealthManagementOptions> options) : ElderIndicator(db)
{
    public override IndicatorDefinition Definition { get; } = new("elder-health-management-rate", "65岁及以上老年人健康管理率",
        IndicatorUnit.Percent, "年内有完整健康管理记录（体检、健康指导、体检表完整）的65岁及以上老年人数", "平台登记的65岁及以上老年人数",
        "老年人档案（出生日期）；年度健康体检记录", "王益区任务 26（2020 年 ≥ 95%）；西安 §二(二)5", Bureaus.Health);

    protected override IQueryable<Elder> Population(IndicatorPeriod period) => Aged(Elders, options.Value, period.Year);

    protected override Expression<Func<Elder, bool>> Counted(IndicatorPeriod period)
    {
        var checks = Db.Set<HealthCheck>().AsNoTracking().Where(c => c.Year == period.Year && c.Complete);
        return e => checks.Any(c => c.ElderId == e.Id);
    }

    internal static IQueryable<Elder> Aged(IQueryable<Elder> elders, HealthManagementOptions o, int year)
    {
        var latest = ContractRules.LatestBirthFor65Plus(year, o.ManagementAge, o.CountAgeReachedDuringYear);
        return elders.Where(e => e.BirthDate <= latest);
    }
}

/// <summary>老年人中医药健康管理率: 65+ elders with a complete TCM record ÷ 65+ elders.</summary>
public sealed class TcmHealthManagementRate(StaleReads db, IOptions<HealthManagementOptions> options) : ElderIndicator(db)
{
    public override IndicatorDefinition Definition { get; } = new("tcm-health-management-rate", "老年人中医药健康管理率", IndicatorUnit.Percent,
        "年内有完整中医药健康管理记录（体质辨识 + 五方面保健指导）的65岁及以上老年人数", "平台登记的65岁及以上老年人数",
        "老年人档案；年度中医药健康管理记录", "西安 §二(二)5（2025 年 ≥ 70%）", Bureaus.Health);

    protected override IQueryable<Elder> Population(IndicatorPeriod period) =>
        ElderHealthManagementRate.Aged(Elders, options.Value, period.Year);

    protected override Expression<Func<Elder, bool>> Counted(IndicatorPeriod period)
    {
        var tcm = Db.Set<TcmRecord>().AsNoTracking().Where(t => t.Year == period.Year && t.Complete);
        return e => tcm.Any(t => t.ElderId == e.Id);
    }
}

/// <summary>失能老年人能力评估覆盖率: 失能 elders with a signed ability or 长护险 assessment of the year ÷ 失能 elders.</summary>
public sealed class LtcAssessmentCoverage(StaleReads db) : ElderIndicator(db)
{
    private static readonly string[] Instruments = [Gbt42195Scorer.Code, Ltc2021Scorer.Code];

    public override IndicatorDefinition Definition { get; } = new("ltc-assessment-coverage", "失能老年人能力评估覆盖率", IndicatorUnit.Percent,
        "年内有已签署的老年人能力评估（GB/T 42195）或长护险失能等级评估的失能老年人数", "标记为失能的老年人数",
        "老年人档案（失能标识）；评估记录", "平台定义（需评估 = 标记为失能）", Bureaus.Health);

    protected override IQueryable<Elder> Population(IndicatorPeriod period)
    {
        var disabled = (int)RiskFlags.Disabled;
        return Elders.Where(e => ((int)e.Flags & disabled) != 0);
    }

    protected override Expression<Func<Elder, bool>> Counted(IndicatorPeriod period)
    {
        var (from, to) = (period.YearStart, period.YearEnd);
        var assessments = Db.Set<Assessment>().AsNoTracking().Where(a => Instruments.Contains(a.InstrumentCode)
            && (a.Status == AssessmentStatus.Signed || a.Status == AssessmentStatus.Superseded) && a.AssessedOn >= from && a.AssessedOn <= to);
        return e => assessments.Any(a => a.ElderId == e.Id);
    }
}
