using Yiyang.Modules.Accounts;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Referrals;

/// <summary>
/// Demo referral data: a doctor of the district hospital (<c>hospdoctor</c>, 区人民医院) to receive up-referrals, one
/// waiting up-referral from 金华社区 and one completed round trip (up, 回转, down) from 黄堡镇中心卫生院. Called by the demo
/// seeder inside its transaction, after the elders exist (the green channel's quotas are seeded with the agreements).
/// </summary>
public static class ReferralsDemoData
{
    public const string HospitalDoctor = "hospdoctor";

    public static async Task SeedAsync(YiyangDb db, RegionCatalog regions, TimeProvider clock, IReadOnlyDictionary<string, long> orgIds,
        DateTimeOffset now, CancellationToken ct)
    {
        if (!orgIds.TryGetValue("hospital", out var hospital)) return;
        await UserAdmin.CreateAsync(db, regions, clock,
            new CreateUserRequest(HospitalDoctor, "刘医生（区人民医院）", Demo.DemoSeeder.DemoPassword, Roles.Doctor, null, null, hospital), ct);

        async Task<Elder?> FirstElderOf(string key) => orgIds.TryGetValue(key, out var org)
            ? await db.Elders.AsNoTracking().Where(e => e.ResponsibleOrganizationId == org).OrderBy(e => e.Id).FirstOrDefaultAsync(ct)
            : null;

        if (await FirstElderOf("jinhua") is { } waiting) AddWaitingUpReferral(db, waiting, orgIds["jinhua"], hospital, now);
        if (await FirstElderOf("huangbao") is { } returned) await AddRoundTripAsync(db, returned, orgIds["huangbao"], hospital, now, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An urgent up-referral from 金华社区 waiting for the hospital.</summary>
    private static void AddWaitingUpReferral(YiyangDb db, Elder waiting, long from, long hospital, DateTimeOffset now)
    {
        var at = now.AddHours(-3);
        db.Add(new Referral
        {
            Direction = ReferralDirection.Up,
            Status = ReferralStatus.Requested,
            ElderId = waiting.Id,
            FromOrganizationId = from,
            ToOrganizationId = hospital,
            ToDepartment = "骨科",
            Indication = "fall-fracture",
            Reason = "晨起如厕时跌倒，右髋部疼痛，不能站立",
            Urgency = ReferralUrgency.Urgent,
            InitialImpression = "右股骨颈骨折？",
            PresentHistory = "今晨跌倒后右髋疼痛、活动受限 3 小时，右下肢外旋短缩。",
            PastHistory = "高血压 10 年，规律服药。",
            TreatmentSoFar = "制动、冷敷，测血压 150/90 mmHg。",
            ReferringDoctor = "李医生",
            RequestedAt = at,
            UpdatedAt = at,
            TownshipCode = waiting.TownshipCode,
            CountyCode = waiting.CountyCode,
            CreatedByUser = "doctor",
        });
        db.TimelineEvents.Add(TimelineEvent.Create(waiting.Id, at, "referrals.requested", "referrals", "上转申请（紧急）：金华社区 → 区人民医院·骨科，指征：跌倒疑似骨折", "demo-seed"));
    }

    /// <summary>A completed round trip from 黄堡镇中心卫生院: up, 回转, down.</summary>
    private static async Task AddRoundTripAsync(YiyangDb db, Elder returned, long from, long hospital, DateTimeOffset now, CancellationToken ct)
    {
        var t0 = now.AddDays(-12);
        var up = new Referral
        {
            Direction = ReferralDirection.Up,
            Status = ReferralStatus.Completed,
            ElderId = returned.Id,
            FromOrganizationId = from,
            ToOrganizationId = hospital,
            ToDepartment = "老年医学科",
            Indication = "chronic-worsening",
            Reason = "慢阻肺急性加重，基层处理效果不佳",
            Urgency = ReferralUrgency.Urgent,
            InitialImpression = "慢性阻塞性肺疾病急性加重",
            PresentHistory = "咳嗽、咳痰、气促加重 5 天，活动后明显。",
            PastHistory = "慢阻肺 8 年。",
            TreatmentSoFar = "口服抗生素 3 天，雾化吸入。",
            ReferringDoctor = "张医生",
            ReceivingDoctor = "刘医生",
            RequestedAt = t0,
            AcceptedAt = t0.AddMinutes(25),
            ArrivedAt = t0.AddMinutes(140),
            ReturnedAt = t0.AddDays(9),
            CompletedAt = t0.AddDays(10),
            UpdatedAt = t0.AddDays(10),
            TownshipCode = returned.TownshipCode,
            CountyCode = returned.CountyCode,
            CreatedByUser = "hbdoctor",
            Version = 4,
        };
        db.Add(up);
        await db.SaveChangesAsync(ct);
        db.Add(new Referral
        {
            Direction = ReferralDirection.Down,
            Status = ReferralStatus.Completed,
            ElderId = returned.Id,
            FromOrganizationId = hospital,
            ToOrganizationId = from,
            Destination = "community",
            ParentReferralId = up.Id,
            Indication = "stable",
            Reason = "急性期已过，病情稳定",
            Urgency = ReferralUrgency.Routine,
            Diagnosis = "慢性阻塞性肺疾病急性加重（已控制）",
            InpatientNo = "ZY2026110031",
            MainResults = "胸片：双肺纹理增多；血气分析正常范围。",
            TreatmentCourse = "住院 9 天，抗感染、平喘、氧疗。",
            NextStepAdvice = "继续吸入治疗，每周随访一次，监测血氧；如气促加重及时上转。",
            ReferringDoctor = "刘医生",
            ReceivingDoctor = "张医生",
            RequestedAt = t0.AddDays(9),
            AcceptedAt = t0.AddDays(9).AddMinutes(50),
            ArrivedAt = t0.AddDays(10),
            CompletedAt = t0.AddDays(10),
            UpdatedAt = t0.AddDays(10),
            TownshipCode = returned.TownshipCode,
            CountyCode = returned.CountyCode,
            CreatedByUser = HospitalDoctor,
            Version = 3,
        });
        db.TimelineEvents.Add(TimelineEvent.Create(returned.Id, t0, "referrals.requested", "referrals", "上转申请（紧急）：黄堡镇中心卫生院 → 区人民医院·老年医学科，指征：慢性病急性加重", "demo-seed"));
        db.TimelineEvents.Add(TimelineEvent.Create(returned.Id, t0.AddDays(9), "referrals.returned", "referrals", "回转：区人民医院 → 黄堡镇中心卫生院（社区/基层医疗卫生机构）", "demo-seed"));
        db.TimelineEvents.Add(TimelineEvent.Create(returned.Id, t0.AddDays(10), "referrals.completed", "referrals", "双向转诊闭环完成：已回转并由基层接续", "demo-seed"));
    }
}
