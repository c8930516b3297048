using System.Linq.Expressions;
using Yiyang.Modules.Agreements;
using Yiyang.Modules.Organizations;
using Yiyang.Modules.Targets;

namespace Yiyang.Modules.GreenChannel;

/// <summary>
/// 老年人就医绿色通道 coverage: medical institutions offering a green-channel quota under an agreement in force ÷ medical
/// institutions (docs/domain/targets.md).
/// </summary>
public sealed class GreenChannelCoverage(StaleReads db) : OrganizationIndicator(db)
{
    public override IndicatorDefinition Definition { get; } = new("green-channel-coverage", "医疗机构为老年人开设就医绿色通道比例",
        IndicatorUnit.Percent, "在生效合作协议下开设了绿色通道名额的医疗卫生机构数（年末或今天）", "医疗卫生机构数", "机构登记；绿色通道名额；医养合作协议",
        "王益区任务 9（为60岁以上老年人开设就医绿色通道）；台州；西安", Bureaus.Health);

    protected override IQueryable<Organization> Population(IndicatorPeriod period) =>
        Registered(period).Where(o => o.Kind == OrganizationKind.Medical);

    protected override Expression<Func<Organization, bool>> Counted(IndicatorPeriod period)
    {
        var end = period.AsOfEnd;
        var inForce = AgreementRules.InForceOn(Db.Set<Agreement>().AsNoTracking(), period.AsOf, end).Select(a => a.Id);
        var quotas = Db.Set<GreenChannelQuota>().AsNoTracking().Where(q => q.CreatedAt <= end && inForce.Contains(q.AgreementId));
        return o => quotas.Any(q => q.HospitalOrganizationId == o.Id);
    }
}
