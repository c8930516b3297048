using Yiyang.Modules.Elders;

namespace Yiyang.Modules.HealthManagement.Prescriptions;

/// <summary>
/// Demo long-term prescriptions for chronic-disease elders of 金华: hypertension for the first four (one expiring within
/// 10 days, one with an 8-week supply and the doctor's assessment), type-2 diabetes for two of them, one stopped.
/// Called by the demo seeder inside its transaction.
/// </summary>
public static class PrescriptionDemoData
{
    private static LongTermPrescriptionItem Drug(int seq, string name, string spec, string dose, string freq, decimal qty, string unit, int days) => new()
    {
        Seq = seq,
        DrugName = name,
        Spec = spec,
        Dose = dose,
        Frequency = freq,
        Route = "口服",
        Category = PrescriptionRules.General,
        Quantity = qty,
        Unit = unit,
        DaysPerDispensing = days,
    };

    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        if (!orgIds.TryGetValue("jinhua", out var orgId)) return;
        var today = now.ChinaDate();
        var elders = await db.Elders.AsNoTracking().Where(e => e.ResponsibleOrganizationId == orgId && (e.Flags & RiskFlags.Chronic) != 0)
            .OrderBy(e => e.Id).Take(4).ToListAsync(ct);
        for (var n = 0; n < elders.Count; n++)
        {
            var e = elders[n];
            // start so that the first expires in 9 days; the others run from a few weeks ago
            var start = n == 0 ? today.AddDays(-74) : today.AddDays(-7 * (n + 1));
            var supply = n == 1 ? 56 : 28;
            var htn = New(e, "hypertension", "I10", "原发性高血压", start, supply, now,
                [Drug(1, "苯磺酸氨氯地平片", "5mg×28片", "5mg", "每日一次", supply, "片", supply)]);
            if (n == 1)
            {
                htn.ExtendedAssessment = "血压控制平稳已逾半年，无不良反应；已进行用药与自我监测教育。";
                htn.PatientConfirmed = true;
            }
            for (var d = start; d <= today; d = d.AddDays(supply))
                htn.Dispensings.Add(new PrescriptionDispensing { DispensedOn = d, SupplyDays = Math.Min(supply, htn.ValidUntil.DayNumber - d.DayNumber + 1), DispensedBy = "nurse", OrganizationId = orgId, CreatedAt = now });
            db.Add(htn);
            if (n is 0 or 2)
            {
                var dm = New(e, "diabetes", "E11.9", "2 型糖尿病", today.AddDays(-3), 28, now,
                    [Drug(1, "盐酸二甲双胍片", "0.5g×48片", "0.5g", "每日两次", 56, "片", 28), Drug(2, "阿卡波糖片", "50mg×30片", "50mg", "每日三次", 84, "片", 28)]);
                if (n == 2)
                {
                    dm.Status = PrescriptionStatus.Stopped;
                    dm.StopReason = "血糖控制不佳，转上级医院调整方案";
                    dm.StoppedAt = now;
                    dm.StoppedBy = "doctor";
                }
                db.Add(dm);
            }
            db.TimelineEvents.Add(TimelineEvent.Create(e.Id, now, "healthmgmt.ltp.prescribed", "healthmgmt",
                $"开具长期处方：I10 原发性高血压，1 种药品，{start:yyyy-MM-dd} 至 {htn.ValidUntil:yyyy-MM-dd}（演示数据）", "demo-seed"));
        }
        await db.SaveChangesAsync(ct);
    }

    private static LongTermPrescription New(Elder e, string disease, string code, string name, DateOnly start, int supply, DateTimeOffset now,
        List<LongTermPrescriptionItem> items) => new()
        {
            ElderId = e.Id,
            TownshipCode = e.TownshipCode,
            CountyCode = e.CountyCode,
            Disease = disease,
            DiagnosisCode = code,
            DiagnosisName = name,
            ConditionStable = true,
            StartOn = start,
            ValidityDays = 84,
            ValidUntil = start.AddDays(83),
            SupplyDays = supply,
            MaxSupplyDays = supply,
            Status = PrescriptionStatus.Active,
            OrganizationId = e.ResponsibleOrganizationId,
            PrescribedBy = "doctor",
            CreatedAt = now,
            Items = items,
        };
}
