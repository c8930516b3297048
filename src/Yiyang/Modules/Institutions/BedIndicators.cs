using System.Linq.Expressions;
using Yiyang.Modules.Organizations;
using Yiyang.Modules.Targets;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// 护理型床位占比: beds in use as 护理型 ÷ 养老床位 (beds in use as 养老 or 护理型) of 养老机构 and 医养结合机构, from the bed
/// register (docs/domain/targets.md#beds); a converted bed counts by its use.
/// </summary>
public sealed class NursingBedShare(StaleReads db) : RecordIndicator<InstitutionBed>(db)
{
    public override IndicatorDefinition Definition { get; } = new("nursing-bed-share", "护理型床位占养老床位比例", IndicatorUnit.Percent,
        "床位登记中按护理型使用的床位数", "养老机构和医养结合机构登记的养老床位（养老型与护理型）数", "床位登记（含床位转换）",
        "郑州附件（护理型床位占养老床位的比例达到 10% 以上）；西安；阜新", Bureaus.CivilAffairs);

    protected override string MemberKind => "bed";

    protected override Expression<Func<InstitutionBed, string>> Township => b => b.TownshipCode;

    protected override Expression<Func<InstitutionBed, MemberRow>> Member =>
        b => new MemberRow
        {
            Id = b.Id,
            Name = Db.Organizations.Where(o => o.Id == b.OrganizationId).Select(o => o.Name).First() + " " + b.Ward + " " + b.Room + "-" + b.Number,
            TownshipCode = b.TownshipCode,
        };

    protected override IQueryable<InstitutionBed> Population(IndicatorPeriod period)
    {
        var end = period.AsOfEnd;
        var homes = Db.Organizations.Where(o => o.Kind == OrganizationKind.ElderlyCare || o.Kind == OrganizationKind.Integrated).Select(o => o.Id);
        return Db.Set<InstitutionBed>().AsNoTracking().Where(b => b.CreatedAt <= end && homes.Contains(b.OrganizationId)
            && ((b.UseKind ?? b.Kind) == BedKind.ElderCare || (b.UseKind ?? b.Kind) == BedKind.Nursing));
    }

    protected override Expression<Func<InstitutionBed, bool>> Counted(IndicatorPeriod period) => b => (b.UseKind ?? b.Kind) == BedKind.Nursing;
}

/// <summary>
/// 百张床位以上养老机构设医务室比例: 养老机构 with ≥ 100 beds in their register that have a 医务室 ÷ 养老机构 with ≥ 100 beds in
/// their register.
/// </summary>
public sealed class LargeCareHomesWithMedicalRoom(StaleReads db) : OrganizationIndicator(db)
{
    public override IndicatorDefinition Definition { get; } = new("large-care-homes-with-medical-room", "百张床位以上养老机构设医务室比例",
        IndicatorUnit.Percent, "床位登记满 100 张且设有医务室（卫生所）的养老机构数", "床位登记满 100 张的养老机构数", "机构登记（医务室标识）；床位登记",
        "台州 §三(一)（100 张床位及以上的养老机构要单独设置卫生所或医务室）", Bureaus.CivilAffairs);

    protected override IQueryable<Organization> Population(IndicatorPeriod period)
    {
        var end = period.AsOfEnd;
        var beds = Db.Set<InstitutionBed>().AsNoTracking().Where(b => b.CreatedAt <= end);
        return Registered(period).Where(o => o.Kind == OrganizationKind.ElderlyCare
            && beds.Count(b => b.OrganizationId == o.Id) >= Organization.MedicalRoomBedThreshold);
    }

    protected override Expression<Func<Organization, bool>> Counted(IndicatorPeriod period) => o => o.HasMedicalRoom;
}
