using Yiyang.Modules.Demo;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// Demo supervision in 王益区: certificates for the demo inspectors (jdy1–jdy7), one conflict of interest (jdy2 and
/// 金华社区), and this year's joint plan of the health and civil-affairs bureaus with its draw from a fixed, published
/// seed (reproducible with <c>scripts/reproduce-draw.py</c>), and one finished inspection of it with an open finding
/// (<see cref="SupervisionDemoInspections"/>). Called by the demo seeder inside its transaction.
/// </summary>
public static class SupervisionDemoData
{
    public const string DemoSeed = "wangyi-2026-demo";

    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        var today = now.ChinaDate();
        var inspectors = await db.Users.Where(u => u.Role == Roles.Inspector && u.UserName.StartsWith("jdy")).OrderBy(u => u.UserName).ToListAsync(ct);
        var n = 0;
        foreach (var u in inspectors)
        {
            n++;
            db.Add(new InspectorCertificate
            {
                UserId = u.Id,
                CertificateNo = $"SX-TC-{today.Year}-{n:D4}",
                ValidFrom = new DateOnly(today.Year - 1, 1, 1),
                ValidUntil = new DateOnly(today.Year + 3, 12, 31),
                Bureau = u.Bureau ?? "",
                RegionCode = u.RegionCode ?? "",
                UpdatedByUser = "demo-seed",
                UpdatedAt = now,
                Version = 1,
            });
        }
        if (inspectors.FirstOrDefault(u => u.UserName == "jdy2") is { } jdy2 && orgIds.TryGetValue("jinhua", out var jinhua))
            db.Add(new InspectorConflict
            {
                InspectorUserId = jdy2.Id,
                OrganizationId = jinhua,
                Reason = "配偶在该机构任职",
                RegionCode = jdy2.RegionCode ?? "",
                RecordedByUser = "demo-seed",
                RecordedAt = now,
            });
        await db.SaveChangesAsync(ct);

        var plan = new InspectionPlan
        {
            Name = $"{today.Year}年王益区医养结合机构“双随机、一公开”联合抽查",
            LeadBureau = Bureaus.Health,
            Bureaus = $"{Bureaus.Health},{Bureaus.CivilAffairs}",
            Year = today.Year,
            RatioBasisPoints = 2000,
            OrganizationKinds = "medical,elderly-care,integrated",
            RegionCode = DemoSeeder.District,
            InspectorsPerEntity = 2,
            CreatedByUser = "wjw",
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        var lists = new SupervisionLists(db);
        plan.EntityCount = await lists.CountEntitiesAsync(PlanAccess.BureausOf(plan), PlanAccess.KindsOf(plan), plan.RegionCode, ct);
        plan.SampleSize = DrawAlgorithm.SampleSize(plan.EntityCount, plan.RatioBasisPoints);
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        await DrawRecorder.RecordAsync(db, plan, 1, DemoSeed, null, "wjw", now, today, ct);
        await SupervisionDemoInspections.SeedAsync(db, plan, now, ct); // a finished inspection with an open, overdue finding
        await LicensingDemoData.SeedAsync(db, orgIds, now, ct); // a pending, a documents-requested and an approved application
    }
}
