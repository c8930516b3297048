using System.Text.Json;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>Care plans as API objects: the elder's name, the assessment behind the plan, responsible parties, the revision.</summary>
public sealed class CarePlanMapping(YiyangDb db, TimeProvider clock, CareLevels levels)
{
    public async Task<List<CarePlanDto>> ToDtosAsync(List<CarePlan> plans, CancellationToken ct)
    {
        var today = clock.ChinaToday();
        var ids = plans.Select(p => p.Id).ToList();
        var elderIds = plans.Select(p => p.ElderId).Distinct().ToList();
        var assessmentIds = plans.Select(p => p.AssessmentId).Distinct().ToList();
        var names = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var assessments = await db.Set<Assessment>().AsNoTracking().Where(a => assessmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var successors = await db.Set<CarePlan>().AsNoTracking().Where(p => p.PreviousId != null && ids.Contains(p.PreviousId.Value))
            .Select(p => new { p.Id, Previous = p.PreviousId!.Value }).ToListAsync(ct);
        var orgIds = plans.SelectMany(p => p.Items).Select(i => i.ResponsibleOrganizationId).OfType<long>().Distinct().ToList();
        var teamIds = plans.SelectMany(p => p.Items).Select(i => i.ResponsibleTeamId).OfType<long>().Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var teams = await db.Set<FamilyDoctorTeam>().AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return plans.Select(p =>
        {
            var basis = levels.Basis(assessments[p.AssessmentId], today);
            return new CarePlanDto(p.Id, p.ElderId, names.GetValueOrDefault(p.ElderId) ?? "", StatusCode(p.Status), StatusName(p.Status),
                new CareLevelDef(p.CareLevelCode, p.CareLevelName), p.MappingVersion, basis, p.Status != CarePlanStatus.Ended && basis.Expired,
                JsonSerializer.Deserialize<List<string>>(p.GoalsJson, CareLevels.Json) ?? [],
                p.Items.OrderBy(i => i.LineNo).Select(i => new CarePlanItemDto(i.Id, i.LineNo, i.ServiceCode, i.ServiceName, i.FrequencyCount,
                    i.FrequencyUnit, FrequencyUnits.Describe(i.FrequencyCount, i.FrequencyUnit), i.ResponsibleKind, i.ResponsibleOrganizationId,
                    i.ResponsibleTeamId,
                    i.ResponsibleTeamId is { } t ? "家庭医生团队：" + teams.GetValueOrDefault(t) : orgs.GetValueOrDefault(i.ResponsibleOrganizationId ?? 0) ?? "",
                    i.StartOn, i.EndOn, i.LtcCovered)).ToList(),
                p.StartOn, p.Note, p.PreviousId, successors.FirstOrDefault(s => s.Previous == p.Id)?.Id, p.EndedOn, p.EndReason, p.CreatedBy,
                p.CreatedAt, p.ConfirmedBy, p.ConfirmedAt, p.Version);
        }).ToList();
    }

    public static string StatusCode(CarePlanStatus s) => s switch
    {
        CarePlanStatus.Draft => "draft",
        CarePlanStatus.Confirmed => "confirmed",
        _ => "ended",
    };

    public static string StatusName(CarePlanStatus s) => s switch
    {
        CarePlanStatus.Draft => "草稿",
        CarePlanStatus.Confirmed => "生效中",
        _ => "已结束",
    };
}
