using System.Linq.Expressions;
using Yiyang.Modules.Targets;

namespace Yiyang.Modules.Organizations;

/// <summary>An indicator over organizations of the registry, located by their township; organizations registered after the period do not count.</summary>
public abstract class OrganizationIndicator(StaleReads db) : RecordIndicator<Organization>(db)
{
    protected override string MemberKind => "organization";

    protected override Expression<Func<Organization, string>> Township => o => o.TownshipCode;

    protected override Expression<Func<Organization, MemberRow>> Member => o => new MemberRow { Id = o.Id, Name = o.Name, TownshipCode = o.TownshipCode };

    /// <summary>The organizations registered by the end of the period.</summary>
    protected IQueryable<Organization> Registered(IndicatorPeriod period)
    {
        var end = period.AsOfEnd;
        return Db.Organizations.AsNoTracking().Where(o => o.CreatedAt <= end);
    }
}

/// <summary>医养结合机构数: organizations holding both licences (kind 医养结合机构).</summary>
public sealed class IntegratedInstitutions(StaleReads db) : OrganizationIndicator(db)
{
    public override IndicatorDefinition Definition { get; } = new("integrated-institutions", "医养结合机构数", IndicatorUnit.Count,
        "机构登记中类别为医养结合机构（同时持有医疗与养老资质）的机构数", null, "机构登记", "阜新；郑州附件；王益区任务 3", Bureaus.Health);

    protected override IQueryable<Organization> Population(IndicatorPeriod period) => Registered(period);

    protected override Expression<Func<Organization, bool>> Counted(IndicatorPeriod period) => o => o.Kind == OrganizationKind.Integrated;
}

/// <summary>孙思邈中医堂 coverage: 医养结合机构 with a 中医馆/中医堂 ÷ 医养结合机构.</summary>
public sealed class TcmHallCoverage(StaleReads db) : OrganizationIndicator(db)
{
    public override IndicatorDefinition Definition { get; } = new("tcm-hall-coverage", "医养结合机构中医堂覆盖率", IndicatorUnit.Percent,
        "设有中医堂（中医馆）的医养结合机构数", "医养结合机构数", "机构登记（中医堂标识）", "王益区任务 14（医养结合服务机构孙思邈中医堂全覆盖）",
        Bureaus.Health);

    protected override IQueryable<Organization> Population(IndicatorPeriod period) =>
        Registered(period).Where(o => o.Kind == OrganizationKind.Integrated);

    protected override Expression<Func<Organization, bool>> Counted(IndicatorPeriod period) => o => o.HasTcmHall;
}

/// <summary>二级及以上综合性公立医院设老年医学科的比例: needs the ownership of hospitals, which the registry does not hold yet.</summary>
public sealed class GeriatricsDepartmentShare : PendingIndicator
{
    public override IndicatorDefinition Definition { get; } = new("geriatrics-department-share", "二级及以上综合性公立医院设老年医学科比例",
        IndicatorUnit.Percent, "设有老年医学科的二级及以上综合性公立医院数", "二级及以上综合性公立医院数", "机构登记（等级、类别、所有制、老年医学科）",
        "西安（2025 年达到 85%）", Bureaus.Health);

    protected override string Reason => "机构登记尚未记录所有制（公立/非公立），无法确定分母。";
}

/// <summary>社区医养结合服务中心数: needs a designation record, which the platform does not hold yet.</summary>
public sealed class CommunityIntegratedCentres : PendingIndicator
{
    public override IndicatorDefinition Definition { get; } = new("community-integrated-centres", "社区医养结合服务中心数", IndicatorUnit.Count,
        "经认定的社区医养结合服务中心数", null, "认定记录（日期、认定部门）", "西安 §二(二)4（加强社区医养结合服务中心建设）", Bureaus.Health);

    protected override string Reason => "平台尚未记录社区医养结合服务中心的认定（日期与认定部门）。";
}

/// <summary>医养结合试点/示范机构数: needs a designation record, which the platform does not hold yet.</summary>
public sealed class PilotInstitutions : PendingIndicator
{
    public override IndicatorDefinition Definition { get; } = new("pilot-institutions", "医养结合试点（示范）机构数", IndicatorUnit.Count,
        "经认定的医养结合试点或示范机构数", null, "认定记录（日期、认定部门）", "王益区任务表（试点）；西安（示范机构）；台州（示范点）", Bureaus.Health);

    protected override string Reason => "平台尚未记录试点、示范机构的认定（日期与认定部门）。";
}
