using Yiyang.Platform.Data;

namespace Yiyang.Modules.GreenChannel;

/// <summary>
/// Demo green channel: the district hospital is the partner of 金华社区（老年公寓）and of 王益区社会福利院, with daily slots in
/// 老年医学科 and 骨科. Called by the referral demo data inside the demo seeder's transaction.
/// </summary>
public static class GreenChannelDemoData
{
    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        if (!orgIds.TryGetValue("hospital", out var hospital)) return;
        foreach (var (care, quotas) in new[] { ("jinhua", new[] { ("老年医学科", 3), ("骨科", 2) }), ("welfare", [("老年医学科", 2)]) })
        {
            if (!orgIds.TryGetValue(care, out var careId)) continue;
            var partner = new GreenChannelPartner { HospitalOrganizationId = hospital, CareOrganizationId = careId, CreatedByUser = "demo-seed", CreatedAt = now };
            db.Add(partner);
            await db.SaveChangesAsync(ct);
            foreach (var (department, daily) in quotas)
                db.Add(new GreenChannelQuota
                {
                    PartnerId = partner.Id,
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
