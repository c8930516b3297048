using System.Linq.Expressions;
using Yiyang.Modules.Organizations;
using Yiyang.Modules.Targets;

namespace Yiyang.Modules.Agreements;

/// <summary>医养签约合作率: 养老机构 with a cooperation agreement in force ÷ 养老机构 (docs/domain/targets.md).</summary>
public sealed class CareHomeCooperationRate(StaleReads db) : OrganizationIndicator(db)
{
    public override IndicatorDefinition Definition { get; } = new("care-home-cooperation-rate", "养老机构医养签约合作率", IndicatorUnit.Percent,
        "与医疗卫生机构有生效合作协议的养老机构数（年末或今天）", "养老机构数", "机构登记；医养合作协议",
        "王益区任务 6（2016–2020：20%、70%、80%、100%、100%）；台州；阜新", Bureaus.CivilAffairs);

    protected override IQueryable<Organization> Population(IndicatorPeriod period) =>
        Registered(period).Where(o => o.Kind == OrganizationKind.ElderlyCare);

    protected override Expression<Func<Organization, bool>> Counted(IndicatorPeriod period)
    {
        var inForce = AgreementRules.InForceOn(Db.Set<Agreement>().AsNoTracking(), period.AsOf, period.AsOfEnd);
        return o => inForce.Any(a => a.CareOrganizationId == o.Id);
    }
}

/// <summary>养老机构提供医疗服务比例: 养老机构 with a 医务室 or a cooperation agreement in force ÷ 养老机构.</summary>
public sealed class CareHomesWithMedicalServiceShare(StaleReads db) : OrganizationIndicator(db)
{
    public override IndicatorDefinition Definition { get; } = new("care-homes-with-medical-service-share", "养老机构能以不同形式提供医疗服务的比例",
        IndicatorUnit.Percent, "设有医务室（卫生所），或与医疗卫生机构有生效合作协议的养老机构数", "养老机构数", "机构登记（医务室标识）；医养合作协议",
        "台州 §三(一)；西安；郑州附件", Bureaus.CivilAffairs);

    protected override IQueryable<Organization> Population(IndicatorPeriod period) =>
        Registered(period).Where(o => o.Kind == OrganizationKind.ElderlyCare);

    protected override Expression<Func<Organization, bool>> Counted(IndicatorPeriod period)
    {
        var inForce = AgreementRules.InForceOn(Db.Set<Agreement>().AsNoTracking(), period.AsOf, period.AsOfEnd);
        return o => o.HasMedicalRoom || inForce.Any(a => a.CareOrganizationId == o.Id);
    }
}
