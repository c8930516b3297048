using System.Linq.Expressions;
using Yiyang.Modules.Targets;

namespace Yiyang.Modules.Elders;

/// <summary>
/// An indicator whose population is registered elders, located where they live now; the drill-through shows masked
/// names only (docs/domain/targets.md#drill-through).
/// </summary>
public abstract class ElderIndicator(StaleReads db) : RecordIndicator<Elder>(db)
{
    protected override string MemberKind => "elder";

    protected override Expression<Func<Elder, string>> Township => e => e.TownshipCode;

    protected override Expression<Func<Elder, MemberRow>> Member => e => new MemberRow { Id = e.Id, Name = e.Name, TownshipCode = e.TownshipCode };

    protected override IndicatorMember Show(MemberRow row) => new(MemberKind, row.Id, Masking.Name(row.Name), row.TownshipCode, null);

    protected IQueryable<Elder> Elders => Db.Elders.AsNoTracking();
}

/// <summary>居民健康卡 coverage: registered elders holding a 居民健康卡 number ÷ registered elders.</summary>
public sealed class HealthCardCoverage(StaleReads db) : ElderIndicator(db)
{
    public override IndicatorDefinition Definition { get; } = new("health-card-coverage", "老年人居民健康卡覆盖率", IndicatorUnit.Percent,
        "登记了居民健康卡号的老年人数", "平台登记的老年人数", "老年人档案（居民健康卡号，加密保存）",
        "郑州（加快居民健康卡普及应用）", Bureaus.Health);

    protected override IQueryable<Elder> Population(IndicatorPeriod period) => Elders;

    protected override Expression<Func<Elder, bool>> Counted(IndicatorPeriod period) => e => e.HealthCardCipher != null;
}
