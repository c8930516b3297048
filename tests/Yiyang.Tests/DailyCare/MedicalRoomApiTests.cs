using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.DailyCare;

/// <summary>Medical-room encounters (医务室诊疗): 金华 (integrated, with a medical room) and its doctor and nurse.</summary>
public abstract class MedicalRoomApiTests(AppFixture fixture) : ApiTestBase(fixture)
{

    /// <summary>Admits a new elder responsible to <paramref name="orgId"/> into a new bed there (as admin); returns (stay, elder).</summary>
    private async Task<(long Stay, long Elder)> Resident(long orgId)
    {
        var admin = await As("city");
        var elder = (await CreateElder(ElderBody(orgId: orgId))).Id();
        var bed = (await admin.PostJson($"/api/institutions/{orgId}/beds", new { ward = "M" + Guid.NewGuid().ToString("N")[..8], room = "1", number = "1", kind = "nursing" },
            HttpStatusCode.Created)).Id();
        var stay = (await admin.PostJson($"/api/institutions/{orgId}/admissions", new { elderId = elder, bedId = bed, admittedOn = TestData.ChinaToday.AddDays(-5).ToString("yyyy-MM-dd") },
            HttpStatusCode.Created)).Id();
        return (stay, elder);
    }

    private static Task<HttpResponseMessage> Post(HttpClient c, long stay, object body) =>
        c.PostAsJsonAsync($"/api/daily-care/stays/{stay}/encounters", body, Tests.Infrastructure.Api.Json);

    private static object Body(string disposition = "return", int systolic = 150, int diastolic = 90) => new
    {
        complaint = "头晕半天",
        vitals = new { systolic, diastolic, pulse = 82, temperature = 36.6m },
        findings = "神清，心肺听诊无异常",
        orders = new object[]
        {
            new { kind = "temporary", text = "复测血压", drug = (string?)null, dose = (string?)null },
            new { kind = "long-term", text = "降压治疗", drug = "硝苯地平缓释片", dose = "10mg 每日两次" },
        },
        disposition,
    };

    [DbFact]
    public async Task A_nurse_records_an_encounter_with_vitals_orders_and_a_referral_link()
    {
        var (stay, elder) = await Resident(await JinhuaId());
        var nurse = await As("nurse");
        var e = await nurse.PostJson($"/api/daily-care/stays/{stay}/encounters", Body("refer"), HttpStatusCode.Created);
        Assert.Equal("头晕半天", (string)e["complaint"]!);
        Assert.Equal(150, (int)e["vitals"]!["systolic"]!);
        Assert.Equal(["临时", "长期"], e["orders"]!.AsArray().Select(o => (string)o!["kindName"]!));
        Assert.Equal("硝苯地平缓释片", (string)e["orders"]![1]!["drug"]!);
        Assert.Equal("转诊", (string)e["dispositionName"]!);
        Assert.Equal($"/Referrals/Create?ElderId={elder}", (string)e["referralLink"]!);
        await nurse.PostJson($"/api/daily-care/stays/{stay}/encounters", Body("observe"), HttpStatusCode.Created);

        var list = (await (await As("doctor")).GetJson($"/api/daily-care/stays/{stay}/encounters")).AsArray();
        Assert.Equal(2, list.Count);
        Assert.Null((string?)list.Single(x => (string)x!["disposition"]! == "observe")!["referralLink"]);
        var summaries = (await (await As("city")).GetJson($"/api/elders/{elder}/timeline")).AsArray().Select(x => (string)x!["summary"]!).ToList();
        Assert.Contains("医务室就诊：头晕半天；处置 转诊，医嘱 2 条", summaries);
        // no referral was created
        Assert.DoesNotContain(summaries, s => s.Contains("转诊单", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Implausible_vitals_and_bad_orders_are_refused_with_the_home_visit_rules()
    {
        var (stay, _) = await Resident(await JinhuaId());
        var doctor = await As("doctor");
        using (var r = await Post(doctor, stay, Body(systolic: 1200)))
            Assert.Contains("收缩压", (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("vitals.systolic").Single());
        using (var r = await Post(doctor, stay, Body(systolic: 80, diastolic: 90)))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("vitals.diastolic"));
        using (var r = await Post(doctor, stay, new { complaint = "", orders = new[] { new { kind = "prn", text = "", dose = "1片" } }, disposition = "home" }))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("complaint"));
            Assert.NotEmpty(p.FieldErrors("disposition"));
            Assert.NotEmpty(p.FieldErrors("orders[0].kind"));
            Assert.NotEmpty(p.FieldErrors("orders[0].text"));
            Assert.NotEmpty(p.FieldErrors("orders[0].drug"));
        }
        Assert.Empty((await doctor.GetJson($"/api/daily-care/stays/{stay}/encounters")).AsArray());
    }

    [DbFact]
    public async Task Only_the_institutions_medical_staff_record_and_only_with_a_medical_room()
    {
        // 社会福利院 has a medical room; its caregiver is not medical staff; the partner hospital reads the resident but never writes
        var (stay, elder) = await Resident(await OrgId("王益区社会福利院"));
        using (var r = await Post(await As("caregiver"), stay, Body())) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        var hosp = await As("hospdoctor");
        using (var r = await hosp.GetAsync($"/api/elders/{elder}")) await r.ShouldBe(HttpStatusCode.OK);
        using (var r = await Post(hosp, stay, Body())) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await Post(await As("nurse"), stay, Body())) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        await (await As("city")).PostJson($"/api/daily-care/stays/{stay}/encounters", Body(), HttpStatusCode.Created);

        // 铜川市颐养苑老年公寓 has no medical room
        var (other, _) = await Resident(await OrgId("铜川市颐养苑老年公寓"));
        using (var r = await Post(await As("city"), other, Body()))
            Assert.Equal("no-medical-room", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
    }

    [DbFact]
    public async Task The_medical_room_page_shows_errors_beside_the_fields_and_the_referral_link()
    {
        var (stay, elder) = await Resident(await JinhuaId());
        using var client = await PageClient.LoggedIn(Factory, "nurse");
        var url = $"/DailyCare/MedicalRoom/{stay}";
        Assert.NotNull(new HtmlParser().ParseDocument(await client.GetStringAsync($"/DailyCare/Resident/{stay}")).GetElementById("medical-room"));
        using (var bad = await client.PostForm(url, url, new()
        {
            ["Complaint"] = "胸闷",
            ["Systolic"] = "1200",
            ["Diastolic"] = "80",
            ["Disposition"] = "refer",
            ["Orders[0].Kind"] = "temporary",
            ["Orders[0].Dose"] = "1片"
        }))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Contains("收缩压", doc.GetElementById("vitals-systolic-error")!.TextContent);
            Assert.Equal("true", doc.GetElementById("vitals-systolic")!.GetAttribute("aria-invalid"));
            Assert.NotNull(doc.GetElementById("orders-0-drug-error"));
            Assert.Equal("胸闷", doc.GetElementById("complaint")!.GetAttribute("value"));
        }
        using (var ok = await client.PostForm(url, url, new()
        {
            ["Complaint"] = "胸闷",
            ["Systolic"] = "120",
            ["Diastolic"] = "80",
            ["Disposition"] = "refer",
            ["Orders[0].Kind"] = "temporary",
            ["Orders[0].Text"] = "心电图检查"
        }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        Assert.Equal($"/Referrals/Create?ElderId={elder}", page.QuerySelector("#encounters [data-referral]")!.GetAttribute("href"));
        Assert.Contains("临时医嘱：心电图检查", page.GetElementById("encounters")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script, main [style]"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MedicalRoomApiTestsSqlite(SqliteAppFixture f) : MedicalRoomApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class MedicalRoomApiTestsPostgres(PostgresAppFixture f) : MedicalRoomApiTests(f), IPostgresTests;
