using Yiyang.Modules.Institutions;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Sickbeds;

/// <summary>Why an elder cannot have a family sickbed now: a stable code and a Chinese message without personal data.</summary>
public sealed record SickbedConflict(string Code, string Message);

/// <summary>
/// Extension point: places where an elder already lives or is treated, which rule out a family sickbed (applying and
/// opening are refused with 409). All registered implementations are asked in registration order; the first conflict wins.
/// The care-home stay check (<see cref="InstitutionStayConflicts"/>) is the first; hospital in-patient records (an
/// in-patient module) plug in here by registering another implementation in ModuleRegistry.
/// </summary>
public interface ISickbedConflicts
{
    Task<SickbedConflict?> FindAsync(long elderId, CancellationToken ct);
}

/// <summary>The elder has an open stay (入住, not discharged) in an elderly-care or integrated institution (Institutions module).</summary>
public sealed class InstitutionStayConflicts(YiyangDb db) : ISickbedConflicts
{
    public async Task<SickbedConflict?> FindAsync(long elderId, CancellationToken ct)
    {
        var stay = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                          join o in db.Organizations.AsNoTracking() on s.OrganizationId equals o.Id
                          join b in db.Set<InstitutionBed>().AsNoTracking() on s.BedId equals b.Id
                          where s.ElderId == elderId && s.DischargedOn == null
                          select new { o.Kind, BedKind = b.Kind }).FirstOrDefaultAsync(ct);
        if (stay is null) return null;
        var kind = stay.Kind switch
        {
            OrganizationKind.ElderlyCare => "养老机构",
            OrganizationKind.Integrated => "医养结合机构",
            _ => "医疗机构",
        };
        return new SickbedConflict("resident-in-institution",
            $"该老年人目前在{kind}入住（{BedRules.KindName(stay.BedKind)}床位，尚未离院），不能申请或建立家庭病床；请先办理离院。");
    }
}
