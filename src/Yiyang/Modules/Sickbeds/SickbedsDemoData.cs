using Yiyang.Modules.Elders;
using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.Sickbeds;

/// <summary>
/// Demo family sickbeds in the 金华 health centre: one opened 20 days ago with a completed round in each past week (no
/// alert), one opened 10 days ago without rounds (a rounds-below-frequency alert on the list). Called by the demo seeder
/// inside its transaction, after the elders and family-doctor data exist.
/// </summary>
public static class SickbedsDemoData
{
    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        if (!orgIds.TryGetValue("jinhua", out var orgId)) return;
        var today = now.ChinaDate();
        // prefer disabled (失能) elders of the centre
        var elders = (await db.Elders.AsNoTracking().Where(e => e.ResponsibleOrganizationId == orgId)
                .OrderBy(e => e.Id).Select(e => new { e.Id, e.TownshipCode, e.CountyCode, e.Flags }).Take(1000).ToListAsync(ct))
            .OrderBy(e => e.Flags.HasFlag(RiskFlags.Disabled) ? 0 : 1).ThenBy(e => e.Id).Take(2).ToList();
        var specs = new[]
        {
            (Days: 20, Code: "I69.3", Name: "脑梗死后遗症", Plan: "肢体康复训练每日两次；监测血压；预防压疮，每 2 小时翻身。", Rounds: new[] { 18, 11 }),
            (Days: 10, Code: "S72.001", Name: "股骨颈骨折术后", Plan: "卧床护理，预防深静脉血栓与压疮；疼痛评估；逐步功能锻炼。", Rounds: Array.Empty<int>()),
        };
        for (var i = 0; i < elders.Count && i < specs.Length; i++)
        {
            var e = elders[i];
            var spec = specs[i];
            var opened = today.AddDays(-spec.Days);
            var bed = OpenedBed(e.Id, e.TownshipCode, e.CountyCode, orgId, spec.Code, spec.Name, spec.Plan, opened, now);
            db.Add(bed);
            await db.SaveChangesAsync(ct);
            db.Add(new SickbedCycle
            {
                SickbedId = bed.Id,
                Number = 1,
                StartsOn = opened,
                EndsOn = bed.CycleEndsOn!.Value,
                RoundsPerWeek = 1,
                CreatedByUser = "doctor",
                CreatedAt = now,
                CountyCode = e.CountyCode,
            });
            db.Add(new SickbedOrder
            {
                SickbedId = bed.Id,
                Kind = SickbedOrderKind.LongTerm,
                Text = "一级护理；测血压每日一次",
                StartsAt = new DateTimeOffset(opened.ToDateTime(new TimeOnly(10, 0)), ChinaTime.Offset).ToUniversalTime(),
                OrderedByUser = "doctor",
                CountyCode = e.CountyCode,
            });
            foreach (var daysAgo in spec.Rounds)
            {
                var day = today.AddDays(-daysAgo);
                var checkIn = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 30)), ChinaTime.Offset).ToUniversalTime();
                var visit = RoundVisit(e.Id, e.TownshipCode, e.CountyCode, orgId, day, checkIn, bed.Services);
                db.Add(visit);
                await db.SaveChangesAsync(ct);
                db.Add(new SickbedRound { SickbedId = bed.Id, VisitId = visit.Id, CreatedByUser = "doctor", CreatedAt = checkIn, CountyCode = e.CountyCode });
            }
            db.TimelineEvents.Add(TimelineEvent.Create(e.Id, now, "sickbeds.opened", "sickbeds",
                $"建立家庭病床：{opened:yyyy-MM-dd} 至 {bed.CycleEndsOn:yyyy-MM-dd}，诊断 {spec.Code} {spec.Name}（演示数据）", "demo-seed"));
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
    }

    private static Sickbed OpenedBed(long elderId, string township, string county, long orgId, string code, string name, string plan, DateOnly opened,
        DateTimeOffset now)
    {
        return new Sickbed
        {
            ElderId = elderId,
            OrganizationId = orgId,
            TownshipCode = township,
            CountyCode = county,
            Status = SickbedStatus.Opened,
            ApplicationReason = "行动不便，病情稳定，需居家继续治疗与护理（演示数据）",
            DiagnosisCode = code,
            DiagnosisName = name,
            AppliedOn = opened.AddDays(-2),
            AppliedByUser = "doctor",
            AssessedOn = opened.AddDays(-1),
            AssessmentNote = "上门评估：诊断明确，病情稳定，适宜建立家庭病床",
            AssessedByUser = "doctor",
            OpenedOn = opened,
            Plan = plan,
            ResponsibleDoctor = "刘文斌",
            ResponsibleNurse = "陈春梅",
            RoundsPerWeek = 1,
            CycleEndsOn = SickbedRules.DefaultCycleEnd(opened, 90),
            CreatedAt = now,
            UpdatedAt = now,
            Services =
            [
                new() { ServiceCode = "SB-BP", ServiceName = "血压测量", CountyCode = county },
                new() { ServiceCode = SickbedRules.DefaultServiceCode, ServiceName = SickbedRules.DefaultServiceName, CountyCode = county },
            ],
        };
    }

    /// <summary>A completed 查床 visit of the bed's services.</summary>
    private static HomeVisit RoundVisit(long elderId, string township, string county, long orgId, DateOnly day, DateTimeOffset checkIn,
        IEnumerable<SickbedPlanService> services)
    {
        return new HomeVisit
        {
            ElderId = elderId,
            OrganizationId = orgId,
            TownshipCode = township,
            CountyCode = county,
            PlannedDate = day,
            Source = VisitSource.AdHoc,
            Status = VisitStatus.Completed,
            CheckedInAt = checkIn,
            CheckedOutAt = checkIn.AddMinutes(40),
            CompletedOn = day,
            ConfirmedBy = ConfirmedBy.Self,
            Notes = "查床：病情平稳。",
            CreatedByUser = "doctor",
            StaffUser = "doctor",
            CreatedAt = checkIn,
            UpdatedAt = checkIn.AddMinutes(40),
            Services = services.Select(s => new HomeVisitService
            {
                ServiceCode = s.ServiceCode,
                ServiceName = s.ServiceName,
                Planned = true,
                Status = ServiceStatus.Done,
                RecordedAt = checkIn.AddMinutes(20),
                CountyCode = county,
            }).ToList(),
        };
    }
}
