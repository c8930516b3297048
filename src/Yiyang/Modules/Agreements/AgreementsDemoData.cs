namespace Yiyang.Modules.Agreements;

/// <summary>
/// Demo agreements of the district hospital (区人民医院), in force for a year from 30 days ago: with 王益区社会福利院 and with
/// 金华社区（老年公寓）. Both include the 绿色通道 item, so the green-channel demo quotas hang off them (seeded right after).
/// </summary>
public static class AgreementsDemoData
{
    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        if (!orgIds.TryGetValue("hospital", out var hospital)) return;
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        foreach (var (key, items, rounds, fee, medicalDuties, careDuties) in new[]
                 {
                     ("welfare", "rounds,green-channel,emergency,referral,training", 2, 12000m,
                         "每月两次派医师到院巡诊；开通预约就诊绿色通道；24 小时急诊急救响应；接收转诊并回转；每季度培训护理人员一次。",
                         "提供巡诊场地并配合健康管理；及时报告老人病情变化；按协议支付服务费用。"),
                     ("jinhua", "green-channel,referral", 0, 0m,
                         "开通老年医学科、骨科预约就诊绿色通道；接收转诊并回转。",
                         "按约定预约并陪同就诊；及时报告老人病情变化。"),
                 })
        {
            if (!orgIds.TryGetValue(key, out var care)) continue;
            db.Add(new Agreement
            {
                MedicalOrganizationId = hospital,
                CareOrganizationId = care,
                StartOn = today.AddDays(-30),
                EndOn = today.AddDays(-30).AddYears(1).AddDays(-1),
                Items = items,
                RoundsPerMonth = rounds == 0 ? null : rounds,
                Fee = fee == 0m ? null : fee,
                MedicalDuties = medicalDuties,
                CareDuties = careDuties,
                Status = AgreementStatus.Effective,
                ActivatedAt = now,
                CountyCode = "610202",
                CreatedByUser = "demo-seed",
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        await GreenChannel.GreenChannelDemoData.SeedAsync(db, orgIds, now, ct);
    }
}
