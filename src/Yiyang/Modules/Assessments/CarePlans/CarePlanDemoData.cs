using System.Text.Json;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>
/// Demo 分级照护 data: signed GB/T 42195 assessments for the first disabled or oldest-old elders of 金华 (levels 1–4, one
/// of them 13 months old, i.e. overdue) and care plans proposed from their care levels — the first confirmed, the second a
/// draft, then confirmed ones. Called by the demo seeder inside its transaction, after the family-doctor data.
/// </summary>
public static class CarePlanDemoData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        if (!orgIds.TryGetValue("jinhua", out var orgId)) return;
        var today = now.ChinaDate();
        var mask = RiskFlags.Disabled | RiskFlags.Dementia | RiskFlags.OldestOld;
        var elders = await db.Elders.AsNoTracking().Where(e => e.ResponsibleOrganizationId == orgId && (e.Flags & mask) != 0)
            .OrderBy(e => e.Id).Take(8).ToListAsync(ct);
        var scorer = new Gbt42195Scorer(new AssessmentOptions());
        var options = new CarePlanOptions();
        // per elder: the score of every B1/B2 item and of every B3/B4 item (AssessmentDemoData)
        (int Body, int Mind)[] pattern = [(1, 2), (2, 2), (1, 1), (3, 3), (2, 2), (1, 2), (1, 1), (1, 2)];
        for (var n = 0; n < elders.Count; n++)
        {
            var e = elders[n];
            var assessedOn = n == 7 ? today.AddMonths(-13) : today.AddDays(-7 - n);
            var assessment = AssessmentDemoData.SignedGbt42195(scorer, e, pattern[n], assessedOn, n == 7 ? "initial" : "routine", orgId, now);
            db.Add(assessment);
            await db.SaveChangesAsync(ct);

            var level = CareLevelRules.Apply(CareLevelMap.Default, Gbt42195Scorer.Code, assessment.LevelCode)!;
            var valid = CareLevelRules.ValidOn(assessment.NextDue, today);
            var (goals, items) = CarePlanRules.Propose(options, level.Code, valid);
            var team = await db.Set<FamilyDoctorContract>().AsNoTracking().Where(c => c.ElderId == e.Id && c.Status == ContractStatus.Active)
                .Select(c => (long?)c.TeamId).FirstOrDefaultAsync(ct);
            var draft = n == 1;
            var plan = new CarePlan
            {
                ElderId = e.Id,
                TownshipCode = e.TownshipCode,
                CountyCode = e.CountyCode,
                OrganizationId = orgId,
                Status = draft ? CarePlanStatus.Draft : CarePlanStatus.Confirmed,
                AssessmentId = assessment.Id,
                CareLevelCode = level.Code,
                CareLevelName = level.Name,
                MappingVersion = 0,
                GoalsJson = JsonSerializer.Serialize(goals, Json),
                StartOn = today,
                CreatedBy = "demo-seed",
                CreatedAt = now,
                ConfirmedBy = draft ? null : "demo-seed",
                ConfirmedAt = draft ? null : now,
                UpdatedAt = now,
                Items = items.Select((p, i) =>
                {
                    var teamId = p.Responsible == Responsible.Team ? team : null;
                    return new CarePlanItem
                    {
                        LineNo = i + 1,
                        ServiceCode = p.ServiceCode,
                        ServiceName = p.ServiceName,
                        FrequencyCount = p.Count,
                        FrequencyUnit = p.Unit,
                        ResponsibleKind = teamId is null ? Responsible.Organization : Responsible.Team,
                        ResponsibleOrganizationId = teamId is null ? orgId : null,
                        ResponsibleTeamId = teamId,
                        StartOn = today,
                        EndOn = valid ? assessment.NextDue : null,
                        LtcCovered = p.LtcCovered,
                    };
                }).ToList(),
            };
            db.Add(plan);
            db.TimelineEvents.Add(TimelineEvent.Create(e.Id, now, draft ? "assessments.care-plan.drafted" : "assessments.care-plan.confirmed",
                "assessments", (draft ? "拟定照护计划（草稿）：" : "确认照护计划：") + level.Name + "（演示数据）", "demo-seed"));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
