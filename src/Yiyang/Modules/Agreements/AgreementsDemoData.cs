using Yiyang.Platform.Data;

namespace Yiyang.Modules.Agreements;

/// <summary>
/// Demo agreement: the district hospital (区人民医院) and 王益区社会福利院, in force for a year from 30 days ago (the demo
/// has no residents yet; once stays exist, the hospital's staff read them through the agreement).
/// </summary>
public static class AgreementsDemoData
{
    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        if (!orgIds.TryGetValue("hospital", out var hospital) || !orgIds.TryGetValue("welfare", out var welfare)) return;
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        db.Add(new Agreement
        {
            MedicalOrganizationId = hospital,
            CareOrganizationId = welfare,
            StartOn = today.AddDays(-30),
            EndOn = today.AddDays(-30).AddYears(1).AddDays(-1),
            Items = "rounds,green-channel,emergency,referral,training",
            RoundsPerMonth = 2,
            Fee = 12000m,
            MedicalDuties = "每月两次派医师到院巡诊；开通预约就诊绿色通道；24 小时急诊急救响应；接收转诊并回转；每季度培训护理人员一次。",
            CareDuties = "提供巡诊场地并配合健康管理；及时报告老人病情变化；按协议支付服务费用。",
            Status = AgreementStatus.Effective,
            ActivatedAt = now,
            CountyCode = "610202",
            CreatedByUser = "demo-seed",
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
    }
}
