using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.Agreements;
using Yiyang.Modules.GreenChannel;
using Yiyang.Modules.Institutions;
using Yiyang.Modules.Organizations;
using Yiyang.Modules.Referrals;
using Yiyang.Platform.Data;
using Yiyang.Tests.HealthManagement;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Targets;

/// <summary>
/// The indicator catalogue counted on a population built by hand in 渭南市临渭区 (610502), where nothing else lives:
/// numerator, denominator and value of each indicator checked exactly, with the people and organizations that must not
/// count, and the breakdown by township. Targets are tried in 华州区 (610503).
/// </summary>
public abstract class IndicatorCatalogueTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string A = "610502001"; // 人民街道
    private const string B = "610502002"; // 杜桥街道
    private static int Year => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;

    /// <summary>A regulator of a bureau bound to a region, made by the security admin.</summary>
    private async Task<HttpClient> Regulator(string bureau, string region)
    {
        var userName = "reg" + Guid.NewGuid().ToString("N")[..8];
        await (await As("security")).PostJson("/api/users", new Dictionary<string, object?>
        {
            ["userName"] = userName,
            ["displayName"] = "测试监管",
            ["password"] = AppFactory.DemoPassword,
            ["role"] = "regulator",
            ["bureau"] = bureau,
            ["regionCode"] = region,
        }, HttpStatusCode.Created);
        return await Factory.ClientFor(userName);
    }

    private async Task<long> Elder(string township, DateOnly born, string[]? flags = null, string? healthCard = null)
    {
        var body = ElderBody(id: TestData.IdNumberBornOn(born, male: true), township: township, flags: flags);
        if (healthCard is not null) body["healthCardNo"] = healthCard;
        return (await CreateElder(body)).Id();
    }

    private Task<long> Org(string name, OrganizationKind kind, string township, bool medicalRoom = false, bool tcmHall = false) =>
        Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            var o = new Organization
            {
                Name = name + Guid.NewGuid().ToString("N")[..6],
                Kind = kind,
                CreditCode = "91" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
                TownshipCode = township,
                CountyCode = township[..6],
                HasMedicalRoom = medicalRoom,
                HasTcmHall = tcmHall,
                CreatedAt = DateTimeOffset.UtcNow.AddDays(-1),
                UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(o);
            await db.SaveChangesAsync();
            return o.Id;
        });

    private Task Beds(long org, string township, int count, BedKind kind, BedKind? use = null) => Factory.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<YiyangDb>();
        var ward = "W" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 1; i <= count; i++)
            db.Add(new InstitutionBed
            {
                OrganizationId = org,
                Ward = ward,
                Room = "1",
                Number = i.ToString(),
                Kind = kind,
                UseKind = use,
                TownshipCode = township,
                CountyCode = township[..6],
                CreatedAt = DateTimeOffset.UtcNow.AddDays(-1),
            });
        await db.SaveChangesAsync();
        return 0;
    });

    private Task<long> Agreement(long medical, long care, AgreementStatus status, DateOnly? terminatedOn = null) => Factory.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<YiyangDb>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var a = new Agreement
        {
            MedicalOrganizationId = medical,
            CareOrganizationId = care,
            StartOn = today.AddMonths(-6),
            EndOn = today.AddMonths(6),
            Items = "巡诊",
            MedicalDuties = "巡诊",
            CareDuties = "配合",
            Status = status,
            ActivatedAt = status == AgreementStatus.Draft ? null : DateTimeOffset.UtcNow.AddMonths(-6),
            TerminatedOn = terminatedOn,
            TerminateReason = terminatedOn is null ? null : "终止",
            CountyCode = A[..6],
            CreatedByUser = "test",
            CreatedAt = DateTimeOffset.UtcNow.AddMonths(-6),
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(a);
        await db.SaveChangesAsync();
        return a.Id;
    });

    private Task Quota(long agreement, long hospital, long care) => Factory.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<YiyangDb>();
        db.Add(new GreenChannelQuota
        {
            AgreementId = agreement,
            HospitalOrganizationId = hospital,
            CareOrganizationId = care,
            Department = "老年病科",
            DailyQuota = 3,
            CreatedByUser = "test",
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-1),
        });
        await db.SaveChangesAsync();
        return 0;
    });

    private Task Referral(long elder, long from, long to, string township, TimeSpan ago, TimeSpan? answeredAfter, ReferralStatus status) =>
        Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            var requested = DateTimeOffset.UtcNow - ago;
            db.Add(new Referral
            {
                Direction = ReferralDirection.Up,
                Status = status,
                ElderId = elder,
                FromOrganizationId = from,
                ToOrganizationId = to,
                Indication = "病情加重",
                Reason = "需住院",
                Urgency = ReferralUrgency.Routine,
                RequestedAt = requested,
                AcceptedAt = status is ReferralStatus.Accepted ? requested + answeredAfter : null,
                RejectedAt = status is ReferralStatus.Rejected ? requested + answeredAfter : null,
                RejectReason = status is ReferralStatus.Rejected ? "无床位" : null,
                WithdrawnAt = status is ReferralStatus.Withdrawn ? requested.AddHours(1) : null,
                TownshipCode = township,
                CountyCode = township[..6],
                CreatedByUser = "test",
                UpdatedAt = requested,
            });
            await db.SaveChangesAsync();
            return 0;
        });

    private static JsonNode Row(JsonNode value, string township) =>
        value["breakdown"]!.AsArray().Single(r => (string)r!["regionCode"]! == township)!;

    private static void Counted(JsonNode value, int num, int? den, decimal? rate)
    {
        if (value["breakdown"] is not null) Assert.Equal("ok", (string)value["status"]!);
        Assert.Equal(num, (int)value["numerator"]!);
        Assert.Equal(den, (int?)value["denominator"]);
        Assert.Equal(rate, (decimal?)value["value"]);
    }

    [DbFact]
    public async Task Every_indicator_counts_the_hand_built_population_exactly()
    {
        var city = await As("city");
        // elders: a1 a2 aged in A, a3 64 and disabled in A, b1 aged in B
        var a1 = await Elder(A, new DateOnly(1950, 2, 1), ["disabled"], healthCard: "H6105020001");
        var a2 = await Elder(A, new DateOnly(1955, 3, 1));
        var a3 = await Elder(A, new DateOnly(Year - 64, 6, 1), ["disabled"]);
        var b1 = await Elder(B, new DateOnly(1940, 4, 1), healthCard: "H6105020002");
        await city.PostJson("/api/health-checks", HealthManagementApiTests.CompleteCheck(a1), HttpStatusCode.Created);
        await city.PostJson("/api/health-checks", HealthManagementApiTests.IncompleteCheck(a2), HttpStatusCode.Created); // does not count
        await city.PostJson("/api/health-checks", HealthManagementApiTests.CompleteCheck(b1), HttpStatusCode.Created);
        await city.PostJson("/api/tcm-management", HealthManagementApiTests.TcmBody(a2), HttpStatusCode.Created);
        var assessment = await city.PostJson("/api/assessments", HealthManagementApiTests.AssessmentBody(a1), HttpStatusCode.Created);
        await city.PostJson($"/api/assessments/{assessment.Id()}/sign", new { }, HttpStatusCode.OK);
        await city.PostJson("/api/assessments", HealthManagementApiTests.AssessmentBody(a3), HttpStatusCode.Created); // unsigned: not counted

        // organizations and their beds
        var careA1 = await Org("渭滨甲养老院", OrganizationKind.ElderlyCare, A);
        await Beds(careA1, A, 30, BedKind.Nursing);
        await Beds(careA1, A, 70, BedKind.ElderCare);
        var careA2 = await Org("渭滨乙养老院", OrganizationKind.ElderlyCare, A, medicalRoom: true);
        await Beds(careA2, A, 10, BedKind.ElderCare);
        var careB1 = await Org("渭滨丙养老院", OrganizationKind.ElderlyCare, B);
        await Beds(careB1, B, 5, BedKind.Nursing, use: BedKind.Medical); // converted to medical use: no 养老床位
        var integA = await Org("渭滨医养中心", OrganizationKind.Integrated, A, tcmHall: true);
        await Beds(integA, A, 10, BedKind.Medical);
        await Beds(integA, A, 10, BedKind.Nursing);
        await Org("渭滨康养中心", OrganizationKind.Integrated, B);
        var medA = await Org("渭滨社区卫生服务中心", OrganizationKind.Medical, A);
        var medB = await Org("渭滨医院", OrganizationKind.Medical, B);
        var inForce = await Agreement(medA, careA1, AgreementStatus.Effective);
        await Quota(inForce, medA, careA1);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var ended = await Agreement(medB, careB1, AgreementStatus.Terminated, terminatedOn: today.AddDays(-1)); // ended yesterday
        await Quota(ended, medB, careB1); // its quota does not count either
        await Agreement(medB, careA2, AgreementStatus.Draft);
        // referrals: timely in A, late in A, withdrawn before an answer in B (left out), unanswered in B
        await Referral(a1, careA1, medA, A, TimeSpan.FromHours(30), TimeSpan.FromHours(2), ReferralStatus.Accepted);
        await Referral(a2, careA1, medA, A, TimeSpan.FromHours(30), TimeSpan.FromHours(26), ReferralStatus.Rejected);
        await Referral(b1, careB1, medB, B, TimeSpan.FromHours(5), null, ReferralStatus.Withdrawn);
        await Referral(b1, careB1, medB, B, TimeSpan.FromHours(5), null, ReferralStatus.Requested);

        var health = await Regulator("health", "610502");
        async Task<JsonNode> Get(string code) => await health.GetJson($"/api/indicators/{code}?regionCode=610502&year={Year}");

        var hm = await Get("elder-health-management-rate");
        Counted(hm, 2, 3, 66.67m);
        Counted(Row(hm, A), 1, 2, 50m);
        Counted(Row(hm, B), 1, 1, 100m);
        Counted(await Get("tcm-health-management-rate"), 1, 3, 33.33m);
        var card = await Get("health-card-coverage");
        Counted(card, 2, 4, 50m);
        Counted(Row(card, A), 1, 3, 33.33m);
        Counted(await Get("ltc-assessment-coverage"), 1, 2, 50m);
        var beds = await Get("nursing-bed-share");
        Counted(beds, 40, 120, 33.33m);
        Assert.Null((decimal?)Row(beds, B)["value"]); // no 养老床位 in B: no rate, not 0
        Counted(await Get("large-care-homes-with-medical-room"), 0, 1, 0m);
        Counted(await Get("care-home-cooperation-rate"), 1, 3, 33.33m);
        Counted(await Get("care-homes-with-medical-service-share"), 2, 3, 66.67m);
        Counted(await Get("integrated-institutions"), 2, null, 2m);
        Counted(await Get("tcm-hall-coverage"), 1, 2, 50m);
        Counted(await Get("green-channel-coverage"), 1, 2, 50m);
        var referrals = await Get("referral-timeliness");
        Counted(referrals, 1, 3, 33.33m);
        Counted(Row(referrals, B), 0, 1, 0m);
        foreach (var pending in new[] { "geriatrics-department-share", "random-inspection-ratio", "pilot-institutions" })
        {
            var v = await Get(pending);
            Assert.Equal("no-data", (string)v["status"]!);
            Assert.False(string.IsNullOrWhiteSpace((string?)v["reason"]));
            Assert.Null(v["value"]);
        }

        // the drill-through: the care homes without an agreement in force, and the counted elders with masked names
        var notCounted = await health.GetJson($"/api/indicators/care-home-cooperation-rate/members?regionCode=610502&year={Year}&counted=false");
        Assert.Equal(2, (int)notCounted["members"]!["total"]!);
        Assert.Equal([careA2, careB1], notCounted["members"]!["items"]!.AsArray().Select(m => (long)m!["id"]!).Order());
        var elders = await health.GetJson($"/api/indicators/elder-health-management-rate/members?regionCode=610502&year={Year}");
        Assert.Equal([a1, b1], elders["members"]!["items"]!.AsArray().Select(m => (long)m!["id"]!).Order());
        Assert.All(elders["members"]!["items"]!.AsArray(), m => Assert.Contains("*", (string)m!["name"]!));
        var missed = await health.GetJson($"/api/indicators/elder-health-management-rate/members?regionCode=610502&year={Year}&counted=false");
        Assert.Equal([a2], missed["members"]!["items"]!.AsArray().Select(m => (long)m!["id"]!));

        // the dashboard holds every indicator of the catalogue
        var dashboard = await health.GetJson($"/api/indicators/dashboard?regionCode=610502&year={Year}");
        var catalogue = await health.GetJson("/api/indicators");
        Assert.Equal(catalogue.AsArray().Count, dashboard["indicators"]!.AsArray().Count);
        Assert.True(catalogue.AsArray().Count >= 20);
    }

    [DbFact]
    public async Task Targets_are_set_by_the_owning_bureau_and_inherited_down_the_region_tree()
    {
        const string x = "610503001", y = "610503101"; // 华州区 华州街道, 杏林镇
        await Org("华州医养中心", OrganizationKind.Integrated, x);
        var health = await Regulator("health", "6105");
        var civil = await Regulator("civil-affairs", "6105");
        TargetBody Target(string region, decimal value, string? comparison = null) =>
            new("integrated-institutions", region, Year, value, comparison, "测试");

        // the district's target, and a higher one for x; y inherits the district's
        await Put(health, Target("610503", 1), HttpStatusCode.OK);
        var set = await Put(health, Target(x, 2), HttpStatusCode.OK);
        Assert.Equal("at-least", (string)set["comparison"]!);
        var value = await health.GetJson($"/api/indicators/integrated-institutions?regionCode=610503&year={Year}");
        Counted(value, 1, null, 1m);
        Assert.Equal(1m, (decimal)value["target"]!);
        Assert.True((bool)value["met"]!);
        Assert.Equal((2m, false), ((decimal)Row(value, x)["target"]!, (bool)Row(value, x)["met"]!));
        Assert.Equal((1m, false), ((decimal)Row(value, y)["target"]!, (bool)Row(value, y)["met"]!));

        // changed, not duplicated; an upper bound turns "met" around
        await Put(health, Target(x, 1, "at-most"), HttpStatusCode.OK);
        value = await health.GetJson($"/api/indicators/integrated-institutions?regionCode={x}&year={Year}");
        Assert.Equal((1m, "at-most", true), ((decimal)value["target"]!, (string)value["comparison"]!, (bool)value["met"]!));
        var listed = await health.GetJson($"/api/targets?regionCode={y}&year={Year}");
        Assert.Equal("610503", (string)listed.AsArray().Single(t => (string)t!["indicatorCode"]! == "integrated-institutions")!["regionCode"]!);

        // another bureau's indicator, a region outside one's own, bad input: refused, nothing written
        await Put(civil, Target(x, 3), HttpStatusCode.Forbidden);
        await Put(health, Target("610402", 3), HttpStatusCode.NotFound);
        await Put(health, new { indicatorCode = "care-home-cooperation-rate", regionCode = x, year = Year, value = 101 },
            HttpStatusCode.BadRequest);
        await Put(health, new { indicatorCode = "no-such", regionCode = "999", year = 1999, value = -1, comparison = "more" },
            HttpStatusCode.BadRequest);
        await Put(civil, new { indicatorCode = "care-home-cooperation-rate", regionCode = x, year = Year, value = 100 },
            HttpStatusCode.OK);
        value = await health.GetJson($"/api/indicators/integrated-institutions?regionCode={x}&year={Year}");
        Assert.Equal(1m, (decimal)value["target"]!);
        await (await As("doctor")).GetJson($"/api/indicators/integrated-institutions?regionCode={x}&year={Year}", HttpStatusCode.Forbidden);
        await health.GetJson($"/api/indicators/integrated-institutions?regionCode=6102&year={Year}", HttpStatusCode.NotFound);
    }

    private static async Task<JsonNode> Put(HttpClient client, object body, HttpStatusCode expected)
    {
        using var r = await client.PutJson("/api/targets", body);
        await r.ShouldBe(expected);
        return await r.ReadJson();
    }

    private sealed record TargetBody(string IndicatorCode, string RegionCode, int Year, decimal Value, string? Comparison, string? Basis);
}

[Collection(SqliteCollection.Name)]
public sealed class IndicatorCatalogueTestsSqlite(SqliteAppFixture f) : IndicatorCatalogueTests(f);

[Collection(PostgresCollection.Name)]
public sealed class IndicatorCatalogueTestsPostgres(PostgresAppFixture f) : IndicatorCatalogueTests(f), IPostgresTests;
