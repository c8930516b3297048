using System.Globalization;
using System.Text.Json;
using Yiyang.Modules.Accounts;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Identifiers;

namespace Yiyang.Modules.Demo;

/// <summary>
/// Demo dataset for 铜川市王益区 (610202), the demo district: its real townships, the institutions named
/// in the district's 医养结合 task table (2016–2020) plus village clinics and care homes, ~2,000 fictional elders and one user per role.
/// Deterministic (fixed random seed). Only ever runs on an empty database.
/// </summary>
public sealed class DemoSeeder(YiyangDb db, PiiProtector pii, RegionCatalog regions, TimeProvider clock, AuditLog audit,
    Microsoft.Extensions.Options.IOptions<DemoOptions> options, ILogger<DemoSeeder> log)
{
    public const string District = "610202";
    public const string DemoPassword = "Yiyang@2026!";

    private sealed record OrgSeed(string Key, string Name, OrganizationKind Kind, string Township, string? MedicalType = null,
        string? CareType = null, string? Level = null, int ElderCare = 0, int Nursing = 0, int Medical = 0, int Hospice = 0,
        bool Insurance = false, bool Geriatrics = false, bool Tcm = false, bool MedicalRoom = false, string? Address = null);

    private static readonly OrgSeed[] Orgs =
    [
        new("hospital", "铜川市王益区人民医院（铜川市中医医院）", OrganizationKind.Medical, "610202001", "中医院", Level: "二级",
            Medical: 300, Hospice: 10, Insurance: true, Geriatrics: true, Tcm: true, Address: "王益区七一路"),
        new("jinhua", "王益区金华社区卫生服务中心（老年康复护理部·金华老年公寓）", OrganizationKind.Integrated, "610202002",
            "社区卫生服务中心", "护理型", "一级", ElderCare: 20, Nursing: 60, Medical: 30, Insurance: true, Tcm: true, MedicalRoom: true,
            Address: "王益区红旗街"),
        new("huangbao", "王益区黄堡镇中心卫生院", OrganizationKind.Medical, "610202100", "乡镇卫生院", Level: "一级",
            Medical: 40, Insurance: true, Tcm: true, Address: "王益区黄堡镇"),
        new("wangjiahe", "王益区王家河卫生院", OrganizationKind.Medical, "610202005", "乡镇卫生院", Level: "一级",
            Medical: 20, Insurance: true, Address: "王益区王家河街道"),
        new("qiyilu", "王益区七一路社区卫生服务中心", OrganizationKind.Medical, "610202001", "社区卫生服务中心", Level: "一级", Insurance: true),
        new("taoyuan", "王益区桃园社区卫生服务中心", OrganizationKind.Medical, "610202003", "社区卫生服务中心", Level: "一级", Insurance: true),
        new("qingnianlu", "王益区青年路社区卫生服务中心", OrganizationKind.Medical, "610202004", "社区卫生服务中心", Level: "一级", Insurance: true, Tcm: true),
        new("wangyi", "王益区王益街道社区卫生服务中心", OrganizationKind.Medical, "610202006", "社区卫生服务中心", Level: "一级", Insurance: true),
        new("clinic1", "黄堡镇黄堡村卫生室", OrganizationKind.Medical, "610202100", "村卫生室", Level: "未定级"),
        new("clinic2", "黄堡镇书院村卫生室", OrganizationKind.Medical, "610202100", "村卫生室", Level: "未定级"),
        new("clinic3", "黄堡镇南沟村卫生室", OrganizationKind.Medical, "610202100", "村卫生室", Level: "未定级"),
        new("clinic4", "王家河街道王家河村卫生室", OrganizationKind.Medical, "610202005", "村卫生室", Level: "未定级"),
        new("welfare", "王益区社会福利院", OrganizationKind.ElderlyCare, "610202006", CareType: "护理型", ElderCare: 60, Nursing: 60,
            MedicalRoom: true, Address: "王益区王益街道"),
        new("jingloyuan", "黄堡镇敬老院", OrganizationKind.ElderlyCare, "610202100", CareType: "助养型", ElderCare: 60),
        new("yiyangyuan", "铜川市颐养苑老年公寓", OrganizationKind.ElderlyCare, "610202004", CareType: "护理型", ElderCare: 70, Nursing: 40,
            Address: "王益区青年路"),
        new("yycenter", "王家河医养中心", OrganizationKind.Integrated, "610202005", "护理院", "护理型", ElderCare: 30, Nursing: 40, Medical: 10,
            MedicalRoom: true, Insurance: true),
    ];

    /// <summary>Which health centre is responsible for the elders of each township.</summary>
    private static readonly Dictionary<string, string> TownshipCentre = new()
    {
        ["610202001"] = "qiyilu",
        ["610202002"] = "jinhua",
        ["610202003"] = "taoyuan",
        ["610202004"] = "qingnianlu",
        ["610202005"] = "wangjiahe",
        ["610202006"] = "wangyi",
        ["610202100"] = "huangbao",
    };

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct) || await db.Organizations.AnyAsync(ct) || await db.Elders.AnyAsync(ct))
        {
            log.LogInformation("Demo seed skipped: the database already holds data");
            return false;
        }
        log.LogInformation("Seeding the 王益区 demo dataset");
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var orgIds = await SeedOrganizationsAsync(now, ct);
        var users = await SeedUsersAsync(orgIds, ct);
        var count = Math.Max(0, options.Value.Elders);
        await SeedEldersAsync(count, orgIds, now, ct);
        await SeedModulesAsync(orgIds, now, ct);
        await tx.CommitAsync(ct);
        await audit.Enqueue(new AuditRecord(null, "demo-seed", "system", "demo.seed", "database", District, null,
            $"organizations={Orgs.Length}; users={users}; elders={count}", null));
        log.LogInformation("Demo data ready: {Orgs} organizations, {Users} users, {Elders} elders", Orgs.Length, users, count);
        return true;
    }

    private async Task<Dictionary<string, long>> SeedOrganizationsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var orgIds = new Dictionary<string, long>();
        var seq = 0;
        foreach (var s in Orgs)
        {
            seq++;
            var body = (s.Kind == OrganizationKind.ElderlyCare ? "52" : "12") + District + (73_000_000 + seq * 7919).ToString("D9", CultureInfo.InvariantCulture);
            var o = new Organization
            {
                Name = s.Name,
                Kind = s.Kind,
                MedicalType = s.MedicalType,
                CareType = s.CareType,
                Level = s.Level,
                CreditCode = body + CreditCode.CheckCharacter(body),
                MedicalLicenceNo = s.Kind != OrganizationKind.ElderlyCare ? $"PDY{seq:D5}6102021{seq % 10}A1001" : null,
                CareLicenceNo = s.Kind != OrganizationKind.Medical ? $"61020200{seq:D4}" : null,
                TownshipCode = s.Township,
                CountyCode = s.Township[..6],
                Address = s.Address ?? regions.Find(s.Township)!.Name,
                Phone = $"0919-31{seq:D5}",
                InsuranceDesignated = s.Insurance,
                HasGeriatricsDept = s.Geriatrics,
                HasTcmHall = s.Tcm,
                HasMedicalRoom = s.MedicalRoom,
                ElderCareBeds = s.ElderCare,
                NursingBeds = s.Nursing,
                MedicalBeds = s.Medical,
                HospiceBeds = s.Hospice,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Organizations.Add(o);
            await db.SaveChangesAsync(ct);
            orgIds[s.Key] = o.Id;
        }

        return orgIds;
    }

    /// <summary>One user per role (the demo logins of the README); returns how many.</summary>
    private async Task<int> SeedUsersAsync(Dictionary<string, long> orgIds, CancellationToken ct)
    {
        CreateUserRequest U(string user, string display, string role, string? bureau = null, string? region = null, string? org = null) =>
            new(user, display, DemoPassword, role, bureau, region, org is null ? null : orgIds[org]);
        var users = new[]
        {
            U("admin", "平台管理员", Roles.PlatformAdmin),
            U("security", "安全管理员", Roles.SecurityAdmin),
            U("auditor", "审计管理员", Roles.AuditAdmin),
            U("wjw", "区卫健局监管员", Roles.Regulator, Bureaus.Health, District),
            U("mzj", "区民政局监管员", Roles.Regulator, Bureaus.CivilAffairs, District),
            U("ybj", "区医保局监管员", Roles.Regulator, Bureaus.Insurance, District),
            U("doctor", "李医生（金华社区）", Roles.Doctor, org: "jinhua"),
            U("nurse", "王护士（金华社区）", Roles.Nurse, org: "jinhua"),
            U("caregiver", "赵护理员（社会福利院）", Roles.Caregiver, org: "welfare"),
            U("orgadmin", "金华社区机构管理员", Roles.InstitutionAdmin, org: "jinhua"),
            U("hbdoctor", "张医生（黄堡镇）", Roles.Doctor, org: "huangbao"),
            U("operator", "12349 呼叫中心坐席", Roles.CallOperator, region: "6102"),
            U("city", "市级业务管理员", Roles.CityOperator, region: "6102"),
            U("jdy1", "陈卫东（区卫健局监督员）", Roles.Inspector, Bureaus.Health, District),
            U("jdy2", "刘芳（区卫健局监督员）", Roles.Inspector, Bureaus.Health, District),
            U("jdy3", "孙建华（区卫健局监督员）", Roles.Inspector, Bureaus.Health, District),
            U("jdy4", "周敏（区卫健局监督员）", Roles.Inspector, Bureaus.Health, District),
            U("jdy5", "吴秀兰（区民政局监督员）", Roles.Inspector, Bureaus.CivilAffairs, District),
            U("jdy6", "郑强（区民政局监督员）", Roles.Inspector, Bureaus.CivilAffairs, District),
            U("jdy7", "冯丽（区医保局监督员）", Roles.Inspector, Bureaus.Insurance, District),
        };
        foreach (var u in users) await UserAdmin.CreateAsync(db, regions, clock, u, ct, onConsole: true); // the seed writes the three administrators too

        return users.Length;
    }

    /// <summary>The fictional elders, each registered to its township's health centre, in chunks of 500.</summary>
    private async Task SeedEldersAsync(int count, Dictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        var rng = new Random(2026);
        var townships = TownshipCentre.Keys.ToArray();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var usedIds = new HashSet<string>();
        var elders = new List<Elder>(count);
        for (var i = 0; i < count; i++)
            elders.Add(DemoElder(rng, townships, today, usedIds, orgIds, now));
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var chunk in elders.Chunk(500))
        {
            db.Elders.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.TimelineEvents.AddRange(chunk.Select(e => new TimelineEvent
            {
                ElderId = e.Id,
                At = now,
                Kind = "elder.registered",
                Module = "elders",
                Summary = "登记为服务对象（演示数据）",
                Actor = "demo-seed",
            }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private Elder DemoElder(Random rng, string[] townships, DateOnly today, HashSet<string> usedIds, Dictionary<string, long> orgIds,
        DateTimeOffset now)
    {
        var township = townships[rng.Next(townships.Length)];
        var age = AgeSample(rng);
        var birth = today.AddYears(-age).AddDays(-rng.Next(0, 365));
        var female = rng.NextDouble() < 0.53;
        string id;
        do
        {
            var seqNo = rng.Next(0, 500) * 2 + (female ? 0 : 1);
            var body = "610202" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + seqNo.ToString("D3", CultureInfo.InvariantCulture);
            id = body + ChineseIdNumber.CheckCharacter(body);
        } while (!usedIds.Add(id));
        var name = Surnames[rng.Next(Surnames.Length)] + (female ? FemaleNames : MaleNames)[rng.Next(MaleNames.Length)];
        var phone = "1" + "35789"[rng.Next(5)] + rng.Next(0, 10) + rng.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var address = $"{regions.Find(township)!.Name}{Streets[rng.Next(Streets.Length)]}{rng.Next(1, 200)}号{rng.Next(1, 8)}单元{rng.Next(101, 1802)}室";
        var flags = DemoFlags(rng, age, township);
        var contacts = new List<ContactInput>
        {
            new(Surnames[rng.Next(Surnames.Length)] + MaleNames[rng.Next(MaleNames.Length)], rng.Next(2) == 0 ? "儿子" : "女儿",
                "139" + rng.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture)),
        };
        var insurance = township == "610202100" ? "03" : rng.NextDouble() < 0.55 ? "01" : "02";
        var card = rng.NextDouble() < 0.7 ? "61020" + rng.NextInt64(1_000_000_000L, 9_999_999_999L).ToString(CultureInfo.InvariantCulture) : null;
        var valid = new ValidElder(name, new IdNumberInfo(id, birth, female ? Sex.Female : Sex.Male), phone, township, address,
            contacts, insurance, card, flags, null);
        return ElderRecord.Create(valid, orgIds[TownshipCentre[township]], pii, now);
    }

    private static RiskFlags DemoFlags(Random rng, int age, string township)
    {
        var flags = RiskFlags.None;
        if (rng.NextDouble() < 0.10) flags |= RiskFlags.Disabled;
        if (rng.NextDouble() < 0.05) flags |= RiskFlags.Dementia;
        if (rng.NextDouble() < 0.60) flags |= RiskFlags.Chronic;
        if (age >= 80) flags |= RiskFlags.OldestOld;
        if (rng.NextDouble() < 0.05) flags |= RiskFlags.Disability;
        if (rng.NextDouble() < 0.10) flags |= RiskFlags.LivingAlone;
        else if (rng.NextDouble() < 0.20) flags |= RiskFlags.EmptyNest;
        if (township == "610202100" && rng.NextDouble() < 0.15) flags |= RiskFlags.LeftBehind;
        if (rng.NextDouble() < 0.01) flags |= RiskFlags.SpecialFamily;
        if (rng.NextDouble() < 0.04) flags |= RiskFlags.LowIncome;
        return flags;
    }

    /// <summary>The modules' demo records, in an order that keeps the ids the tests and pages rely on.</summary>
    private async Task SeedModulesAsync(Dictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        await FamilyDoctor.FamilyDoctorDemoData.SeedAsync(db, orgIds, now, ct);
        await Billing.BillingDemoData.SeedAsync(db, orgIds, now, ct);
        await Assessments.CarePlans.CarePlanDemoData.SeedAsync(db, orgIds, now, ct);
        await HealthManagement.HealthManagementDemoData.SeedAsync(db, now, ct);
        await Referrals.ReferralsDemoData.SeedAsync(db, regions, clock, orgIds, now, ct);
        await Sickbeds.SickbedsDemoData.SeedAsync(db, orgIds, now, ct);
        await Agreements.AgreementsDemoData.SeedAsync(db, orgIds, now, ct);
        await DailyCare.DailyCareDemoData.SeedAsync(db, orgIds, now, ct); // first: its residents are stays 1–4 (the accessibility test opens stay 1's medical room)
        await Claims.ClaimsDemoData.SeedAsync(db, orgIds, now, ct); // beds, residents, coverage periods, last month's claim
        await HealthManagement.Prescriptions.PrescriptionDemoData.SeedAsync(db, orgIds, now, ct);
        await Emergency.EmergencyDemoData.SeedAsync(db, orgIds, now, ct);
        await Targets.TargetsDemoData.SeedAsync(db, now, ct); // the seeds' numeric targets
        await Targets.PolicyTaskDemoData.SeedAsync(db, ct); // 王益区's task table
        await Supervision.SupervisionDemoData.SeedAsync(db, orgIds, now, ct); // inspectors' certificates, a conflict, this year's plan and its draw
    }

    /// <summary>Ages 60–100 with a pyramid that thins out with age.</summary>
    private static int AgeSample(Random rng)
    {
        var r = rng.NextDouble();
        return r switch
        {
            < 0.34 => 60 + rng.Next(5),
            < 0.60 => 65 + rng.Next(5),
            < 0.78 => 70 + rng.Next(5),
            < 0.89 => 75 + rng.Next(5),
            < 0.96 => 80 + rng.Next(5),
            < 0.99 => 85 + rng.Next(5),
            _ => 90 + rng.Next(10),
        };
    }

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "韩", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕"];
    private static readonly string[] MaleNames = ["建国", "建军", "国强", "志刚", "德明", "永胜", "长青", "福生", "新民", "卫东", "守仁", "振华", "文斌", "宝山", "金贵", "明亮", "春生", "广德", "树林", "海潮"];
    private static readonly string[] FemaleNames = ["秀英", "桂兰", "玉兰", "淑珍", "凤英", "秀兰", "桂英", "玉珍", "兰英", "素芬", "翠花", "春梅", "淑华", "丽华", "金凤", "巧云", "彩霞", "月娥", "美兰", "爱琴"];
    private static readonly string[] Streets = ["红旗街", "七一路", "青年路", "桃园路", "新村", "矿务局家属院", "建设巷", "东风路", "南关", "北街"];
}
