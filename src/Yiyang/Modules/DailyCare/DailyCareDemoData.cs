using System.Text.Json;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.DailyCare;

/// <summary>
/// Demo daily care in 王益区社会福利院 (the demo caregiver's care home): four elders of 王益街道 (the frail first) become its
/// residents (the care home is responsible for them), each with a signed GB/T 42195 assessment and a confirmed care plan of
/// three care-home items (生活照料 daily, 翻身拍背 twice daily, 康复训练 three times a week), and the records of the last
/// three days (mostly done; one refusal, one 身体原因). Today is left to record; the fourth resident is on leave since
/// yesterday. Called by the demo seeder inside its transaction, after the agreements.
/// </summary>
public static class DailyCareDemoData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Home(long OrgId, Organizations.Organization Org, DateOnly Today, DateTimeOffset Now);

    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        if (!orgIds.TryGetValue("welfare", out var orgId)) return;
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == orgId, ct);
        var home = new Home(orgId, org, now.ChinaDate(), now);
        var planned = await db.Set<CarePlan>().AsNoTracking().Select(p => p.ElderId).ToListAsync(ct);
        var frail = RiskFlags.OldestOld | RiskFlags.Disabled | RiskFlags.Dementia;
        var resident = db.Set<InstitutionStay>().Where(s => s.DischargedOn == null).Select(s => s.ElderId);
        var elders = await db.Elders.AsNoTracking().Where(e => e.TownshipCode == org.TownshipCode && !planned.Contains(e.Id) && !resident.Contains(e.Id))
            .OrderByDescending(e => (e.Flags & frail) != 0).ThenBy(e => e.Id).Take(4).ToListAsync(ct);
        // the care home is responsible for its residents (the seeder runs with change detection off: an explicit update)
        var ids = elders.Select(e => e.Id).ToList();
        await db.Elders.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(u => u.SetProperty(e => e.ResponsibleOrganizationId, orgId), ct);
        var scorer = new Gbt42195Scorer(new AssessmentOptions());
        (int Body, int Mind)[] pattern = [(1, 2), (1, 1), (2, 2), (1, 2)];
        for (var n = 0; n < elders.Count; n++)
        {
            var e = elders[n];
            var bed = await AddBedAsync(db, home, n, ct);
            var assessment = await AddAssessmentAsync(db, home, e, scorer, pattern[n], ct);
            var level = CareLevelRules.Apply(CareLevelMap.Default, Gbt42195Scorer.Code, assessment.LevelCode)!;
            var (stay, plan) = await AddStayAndPlanAsync(db, home, e, bed, assessment, level, ct);
            AddRecentRecords(db, home, n, e, stay, plan);
            if (n == 3) AddLeave(db, home, e, stay);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<InstitutionBed> AddBedAsync(YiyangDb db, Home home, int n, CancellationToken ct)
    {
        var bed = new InstitutionBed
        {
            OrganizationId = home.OrgId,
            Ward = "一病区",
            Room = (101 + n / 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Number = (1 + n % 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Kind = BedKind.Nursing,
            TownshipCode = home.Org.TownshipCode,
            CountyCode = home.Org.CountyCode,
            CreatedAt = home.Now,
        };
        db.Add(bed);
        await db.SaveChangesAsync(ct);
        return bed;
    }

    private static async Task<Assessment> AddAssessmentAsync(YiyangDb db, Home home, Elder e, Gbt42195Scorer scorer, (int Body, int Mind) pattern,
        CancellationToken ct)
    {
        var assessment = AssessmentDemoData.SignedGbt42195(scorer, e, pattern, home.Today.AddDays(-20), "initial", home.OrgId, home.Now);
        db.Add(assessment);
        await db.SaveChangesAsync(ct);
        return assessment;
    }

    private static async Task<(InstitutionStay, CarePlan)> AddStayAndPlanAsync(YiyangDb db, Home home, Elder e, InstitutionBed bed, Assessment assessment,
        CareLevelDef level, CancellationToken ct)
    {
        var (now, orgId, start) = (home.Now, home.OrgId, home.Today.AddDays(-14));
        var stay = new InstitutionStay
        {
            OrganizationId = orgId,
            ElderId = e.Id,
            BedId = bed.Id,
            AdmittedOn = home.Today.AddDays(-30),
            CareLevel = level.Name,
            TownshipCode = e.TownshipCode,
            CountyCode = e.CountyCode,
            CreatedByUser = "demo-seed",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(stay);
        CarePlanItem Item(int line, string code, string name, int count) => new()
        {
            LineNo = line,
            ServiceCode = code,
            ServiceName = name,
            FrequencyCount = count,
            FrequencyUnit = FrequencyUnits.Week,
            ResponsibleKind = Responsible.Organization,
            ResponsibleOrganizationId = orgId,
            StartOn = start,
            EndOn = assessment.NextDue,
            LtcCovered = level.Code >= 3,
        };
        var plan = new CarePlan
        {
            ElderId = e.Id,
            TownshipCode = e.TownshipCode,
            CountyCode = e.CountyCode,
            OrganizationId = orgId,
            Status = CarePlanStatus.Confirmed,
            AssessmentId = assessment.Id,
            CareLevelCode = level.Code,
            CareLevelName = level.Name,
            MappingVersion = 0,
            GoalsJson = JsonSerializer.Serialize(new[] { "维持现有生活自理能力", "预防压疮与跌倒" }, Json),
            StartOn = start,
            CreatedBy = "demo-seed",
            CreatedAt = now,
            ConfirmedBy = "demo-seed",
            ConfirmedAt = now,
            UpdatedAt = now,
            Items = [Item(1, "CARE-DAILY", "生活照料", 7), Item(2, "CARE-TURN", "翻身拍背", 14), Item(3, "CARE-REHAB", "康复训练", 3)],
        };
        db.Add(plan);
        db.TimelineEvents.Add(TimelineEvent.Create(e.Id, now, "institutions.stay.admitted", "institutions",
            $"入住{home.Org.Name}：{bed.Ward} {bed.Room} {bed.Number}床（护理型）（演示数据）", "demo-seed"));
        db.TimelineEvents.Add(TimelineEvent.Create(e.Id, now, "assessments.care-plan.confirmed", "assessments", "确认照护计划：" + level.Name + "（演示数据）", "demo-seed"));
        await db.SaveChangesAsync(ct);
        return (stay, plan);
    }

    /// <summary>The last three days: every due occurrence recorded, mostly done.</summary>
    private static void AddRecentRecords(YiyangDb db, Home home, int n, Elder e, InstitutionStay stay, CarePlan plan)
    {
        var today = home.Today;
        for (var d = today.AddDays(-3); d < today; d = d.AddDays(1))
            foreach (var item in plan.Items)
                for (var k = 1; k <= DailyCareRules.DueOn(item.FrequencyCount, item.FrequencyUnit, item.StartOn, item.EndOn, d); k++)
                {
                    var refused = n == 1 && item.ServiceCode == "CARE-REHAB";
                    var physical = n == 0 && item.ServiceCode == "CARE-TURN" && k == 2 && d == today.AddDays(-1);
                    var at = new DateTimeOffset(d.ToDateTime(new TimeOnly(9 + 4 * (k - 1), 30)), ChinaTime.Offset).ToUniversalTime();
                    db.Add(new DailyCareRecord
                    {
                        StayId = stay.Id,
                        ElderId = e.Id,
                        OrganizationId = home.OrgId,
                        PlanItemId = item.Id,
                        CareOn = d,
                        Occurrence = k,
                        Status = refused || physical ? CareStatus.NotDone : CareStatus.Done,
                        Reason = refused ? NotDoneReason.Refused : physical ? NotDoneReason.Physical : null,
                        PerformedBy = "caregiver",
                        PerformedAt = at,
                        TownshipCode = e.TownshipCode,
                        CountyCode = e.CountyCode,
                        CreatedAt = at,
                        UpdatedAt = at,
                    });
                    if (physical)
                        db.TimelineEvents.Add(TimelineEvent.Create(e.Id, at, "daily-care.not-done.physical", "daily-care",
                            $"照护项目未完成（身体原因）：{item.ServiceName}，{d:yyyy-MM-dd}（演示数据）", "demo-seed"));
                }
    }

    private static void AddLeave(YiyangDb db, Home home, Elder e, InstitutionStay stay) =>
        db.Add(new InstitutionLeave
        {
            StayId = stay.Id,
            ElderId = e.Id,
            OrganizationId = home.OrgId,
            Kind = LeaveKind.Personal,
            StartOn = home.Today.AddDays(-1),
            ExpectedReturnOn = home.Today.AddDays(2),
            Note = "回家探亲（演示数据）",
            CreatedByUser = "demo-seed",
            CreatedAt = home.Now,
            UpdatedAt = home.Now,
        });
}
