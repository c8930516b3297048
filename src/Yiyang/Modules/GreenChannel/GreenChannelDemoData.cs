using Yiyang.Modules.Agreements;

namespace Yiyang.Modules.GreenChannel;

/// <summary>
/// Demo green channel: daily slots in 老年医学科 and 骨科 of the district hospital under its demo cooperation agreements
/// with 金华社区（老年公寓）and 王益区社会福利院 (both include the 绿色通道 item). Called by the agreements demo data inside
/// the demo seeder's transaction, after the agreements exist.
/// </summary>
public static class GreenChannelDemoData
{
    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        if (!orgIds.TryGetValue("hospital", out var hospital)) return;
        foreach (var (care, quotas) in new[] { ("jinhua", new[] { ("老年医学科", 3), ("骨科", 2) }), ("welfare", [("老年医学科", 2)]) })
        {
            if (!orgIds.TryGetValue(care, out var careId)) continue;
            var agreement = await db.Set<Agreement>().AsNoTracking()
                .FirstOrDefaultAsync(a => a.MedicalOrganizationId == hospital && a.CareOrganizationId == careId && a.Status == AgreementStatus.Effective, ct);
            if (agreement is null || !agreement.Items.Split(',').Contains("green-channel")) continue;
            foreach (var (department, daily) in quotas)
                db.Add(new GreenChannelQuota
                {
                    AgreementId = agreement.Id,
                    HospitalOrganizationId = hospital,
                    CareOrganizationId = careId,
                    Department = department,
                    DailyQuota = daily,
                    CreatedByUser = "demo-seed",
                    CreatedAt = now,
                });
            await db.SaveChangesAsync(ct);
        }
    }
}
