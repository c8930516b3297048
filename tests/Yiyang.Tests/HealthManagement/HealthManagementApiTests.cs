using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Assessments;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.HealthManagement;

/// <summary>
/// /api/health-checks, /api/tcm-management, /api/chronic-followups, /api/vaccinations, /api/indicators/health-management.
/// The rate test builds its own population in 宜君县 (610222), where neither the demo seed nor other tests register anyone; the
/// other tests use 宝鸡 townships (6103…).
/// </summary>
public abstract class HealthManagementApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Checks = "/api/health-checks";
    private const string Tcm = "/api/tcm-management";
    private const string Indicators = "/api/indicators/health-management";
    private static string Today => TestData.ChinaToday.ToString("yyyy-MM-dd");
    private static int Year => TestData.ChinaToday.Year;

    /// <summary>A record every completeness rule accepts: self-care 0+1+0+1+1 = 3 (可自理), BMI 60 / 1.65² = 22.0, nothing abnormal.</summary>
    internal static Dictionary<string, object?> CompleteCheck(long elderId, string? on = null) => new()
    {
        ["elderId"] = elderId,
        ["checkedOn"] = on ?? Today,
        ["lifestyle"] = new Dictionary<string, object?>
        {
            ["selfRatedHealth"] = "satisfied",
            ["exercise"] = "daily",
            ["smoking"] = "never",
            ["drinking"] = "never",
            ["diet"] = new[] { "balanced" },
        },
        ["selfCare"] = new Dictionary<string, object?> { ["meal"] = 0, ["grooming"] = 1, ["dressing"] = 0, ["toileting"] = 1, ["activity"] = 1 },
        ["screening"] = new Dictionary<string, object?> { ["cognition"] = "negative", ["affect"] = "negative" },
        ["physicalExam"] = new Dictionary<string, object?>
        {
            ["temperature"] = 36.5,
            ["pulse"] = 72,
            ["respiration"] = 18,
            ["systolic"] = 128,
            ["diastolic"] = 78,
            ["height"] = 165,
            ["weight"] = 60,
            ["waist"] = 82,
            ["oralCavity"] = "normal",
            ["visionLeft"] = 0.8,
            ["visionRight"] = 1.0,
            ["hearing"] = "heard",
            ["movement"] = "able",
            ["skin"] = "normal",
            ["lymphNodes"] = "normal",
            ["heart"] = "normal",
            ["lungs"] = "normal",
            ["abdomen"] = "normal",
        },
        ["tests"] = new Dictionary<string, object?>
        {
            ["hemoglobin"] = 135,
            ["wbc"] = 6.2,
            ["platelets"] = 210,
            ["urineProtein"] = "neg",
            ["urineGlucose"] = "neg",
            ["urineKetone"] = "neg",
            ["urineOccultBlood"] = "neg",
            ["fastingGlucose"] = 5.4,
            ["alt"] = 22,
            ["ast"] = 25,
            ["totalBilirubin"] = 12.5,
            ["creatinine"] = 78,
            ["bun"] = 5.1,
            ["totalCholesterol"] = 4.8,
            ["triglycerides"] = 1.3,
            ["ldl"] = 2.9,
            ["hdl"] = 1.3,
            ["ecg"] = "normal",
            ["ultrasound"] = "normal",
        },
        ["guidance"] = new Dictionary<string, object?> { ["resultsExplained"] = true, ["topics"] = new[] { "lifestyle", "fall-prevention" } },
    };

    /// <summary>The same record without an ECG and B-ultrasound: incomplete.</summary>
    internal static Dictionary<string, object?> IncompleteCheck(long elderId)
    {
        var body = CompleteCheck(elderId);
        var tests = (Dictionary<string, object?>)body["tests"]!;
        tests.Remove("ecg");
        tests.Remove("ultrasound");
        return body;
    }

    private static Dictionary<string, int> AllOnes() => Enumerable.Range(1, 33).ToDictionary(i => "Q" + i, _ => 1);

    internal static Dictionary<string, object?> TcmBody(long elderId, string[]? topics = null, Dictionary<string, int>? items = null) => new()
    {
        ["elderId"] = elderId,
        ["assessedOn"] = Today,
        ["items"] = items ?? AllOnes(),
        ["guidanceTopics"] = topics ?? new[] { "emotion", "diet", "daily-life", "exercise", "acupoint" },
    };

    private async Task<long> Elder(string township, DateOnly? born = null, string[]? flags = null, long? orgId = null, string? name = null)
    {
        var id = born is { } b ? TestData.IdNumberBornOn(b, male: true) : TestData.IdNumber();
        return (await CreateElder(ElderBody(id: id, township: township, flags: flags, orgId: orgId, name: name))).Id();
    }

    private async Task<JsonNode> Rates(string user, string region, string? drill = null) =>
        await (await As(user)).GetJson($"{Indicators}?regionCode={region}&year={Year}" + (drill is null ? "" : "&drill=" + drill));

    private static JsonNode Indicator(JsonNode report, string code) =>
        report["indicators"]!.AsArray().Single(i => (string)i!["code"]! == code)!;

    [DbFact]
    public async Task Rates_count_complete_records_of_elders_reaching_65_in_the_year_against_the_region_population()
    {
        const string township = "610222101"; // 彭镇
        var admin = await As("city");
        // five elders counting as 65+: four aged 66–76 and one turning 65 on 31 December of this year
        var elders = new List<long>();
        for (var i = 0; i < 4; i++) elders.Add(await Elder(township, flags: i < 2 ? ["disabled"] : null));
        elders.Add(await Elder(township, born: new DateOnly(Year - 65, 12, 31)));
        // turning 65 next year: not in the denominator
        await Elder(township, born: new DateOnly(Year - 64, 1, 1));

        await admin.PostJson(Checks, CompleteCheck(elders[0]), HttpStatusCode.Created);
        await admin.PostJson(Checks, CompleteCheck(elders[4]), HttpStatusCode.Created);
        var incomplete = await admin.PostJson(Checks, IncompleteCheck(elders[1]), HttpStatusCode.Created);
        Assert.False((bool)incomplete["complete"]!);

        await admin.PostJson(Tcm, TcmBody(elders[2]), HttpStatusCode.Created);
        await admin.PostJson(Tcm, TcmBody(elders[3], ["emotion", "diet"]), HttpStatusCode.Created);

        // the two disabled elders: one signed ability assessment this year, one draft only
        var signed = await admin.PostJson("/api/assessments", AssessmentBody(elders[0]), HttpStatusCode.Created);
        await admin.PostJson($"/api/assessments/{signed.Id()}/sign", new { }, HttpStatusCode.OK);
        await admin.PostJson("/api/assessments", AssessmentBody(elders[1]), HttpStatusCode.Created);

        var report = await Rates("city", township);
        Assert.Equal(township, (string)report["regionCode"]!);
        var hm = Indicator(report, "elderly-health-management");
        Assert.Equal("老年人健康管理率", (string)hm["name"]!);
        Assert.Equal(2, (int)hm["numerator"]!);
        Assert.Equal(5, (int)hm["denominator"]!);
        Assert.Equal(40.00m, (decimal)hm["rate"]!);
        Assert.Equal(65m, (decimal)hm["target"]!);
        var tcm = Indicator(report, "tcm-health-management");
        Assert.Equal(1, (int)tcm["numerator"]!);
        Assert.Equal(5, (int)tcm["denominator"]!);
        Assert.Equal(20.00m, (decimal)tcm["rate"]!);
        Assert.Equal(70m, (decimal)tcm["target"]!);
        var disabled = Indicator(report, "disabled-assessment-coverage");
        Assert.Equal(1, (int)disabled["numerator"]!);
        Assert.Equal(2, (int)disabled["denominator"]!);
        Assert.Equal(50.00m, (decimal)disabled["rate"]!);

        // drill-through: the two complete records, newest first, names masked
        var records = report["records"]!;
        Assert.Equal(2, (int)records["total"]!);
        Assert.Equal(new[] { elders[0], elders[4] }.Order(), records["items"]!.AsArray().Select(r => (long)r!["elderId"]!).Order());
        Assert.All(records["items"]!.AsArray(), r =>
        {
            Assert.Equal("health-check", (string)r!["recordKind"]!);
            Assert.EndsWith("**", (string)r["maskedName"]!);
            Assert.Equal("彭镇", (string)r["townshipName"]!);
        });
        var tcmDrill = await Rates("city", township, "tcm-health-management");
        Assert.Equal(elders[2], (long)tcmDrill["records"]!["items"]!.AsArray().Single()!["elderId"]!);
        var assessmentDrill = await Rates("city", township, "disabled-assessment-coverage");
        var row = assessmentDrill["records"]!["items"]!.AsArray().Single()!;
        Assert.Equal(elders[0], (long)row["elderId"]!);
        Assert.Equal(signed.Id(), (long)row["recordId"]!);

        // the 12-digit statistical code of the township reads as the township; the county adds its other townships
        var twelve = await Rates("city", township + "000");
        Assert.Equal(40.00m, (decimal)Indicator(twelve, "elderly-health-management")["rate"]!);
        var other = await Elder("610222102");
        await admin.PostJson(Checks, CompleteCheck(other), HttpStatusCode.Created);
        var county = Indicator(await Rates("city", "610222"), "elderly-health-management");
        Assert.Equal(3, (int)county["numerator"]!);
        Assert.Equal(6, (int)county["denominator"]!);
        Assert.Equal(50.00m, (decimal)county["rate"]!);
        var city = Indicator(await Rates("city", "6102"), "elderly-health-management");
        Assert.True((int)city["numerator"]! >= 3 && (int)city["denominator"]! >= 6);

        // paging of the drill-through
        var page2 = await (await As("city")).GetJson($"{Indicators}?regionCode={township}&year={Year}&page=2&pageSize=1");
        Assert.Single(page2["records"]!["items"]!.AsArray());
        Assert.Equal(2, (int)page2["records"]!["total"]!);
    }

    internal static Dictionary<string, object?> AssessmentBody(long elderId) => new()
    {
        ["elderId"] = elderId,
        ["instrumentCode"] = "gbt42195-2022",
        ["reason"] = "routine",
        ["assessedOn"] = Today,
        ["assessors"] = new object[] { "李建华", "王丽" },
        ["items"] = AnswerBuilder.Gbt75(),
        ["riskEvents30d"] = new Dictionary<string, int> { ["fall"] = 0 },
    };

    [DbFact]
    public async Task Rates_and_their_drill_through_only_see_the_elders_in_the_users_scope()
    {
        const string township = "610302001"; // 宝鸡 金陵街道
        var jinhua = await JinhuaId();
        var huangbao = await HuangbaoId();
        var admin = await As("city");
        var mine = new[] { await Elder(township, orgId: jinhua, name: "欧阳明华"), await Elder(township, orgId: jinhua) };
        var theirs = await Elder(township, orgId: huangbao, name: "司马青云");
        foreach (var e in mine) await admin.PostJson(Checks, CompleteCheck(e), HttpStatusCode.Created);
        var hidden = await admin.PostJson(Checks, CompleteCheck(theirs), HttpStatusCode.Created);

        var all = Indicator(await Rates("city", township), "elderly-health-management");
        Assert.Equal(3, (int)all["numerator"]!);

        var doctor = await Rates("doctor", township);
        var hm = Indicator(doctor, "elderly-health-management");
        Assert.Equal(2, (int)hm["numerator"]!);
        Assert.Equal(2, (int)hm["denominator"]!);
        Assert.Equal(100.00m, (decimal)hm["rate"]!);
        var ids = doctor["records"]!["items"]!.AsArray().Select(r => (long)r!["elderId"]!).ToList();
        Assert.Equal(mine.Order(), ids.Order());
        var names = doctor["records"]!["items"]!.AsArray().Select(r => (string)r!["maskedName"]!).ToList();
        Assert.Contains("欧**", names);
        Assert.All(names, n => Assert.Matches("^.\\*\\*$", n));
        var json = doctor.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.DoesNotContain("欧阳明华", json);
        Assert.DoesNotContain("司马", json);

        var hb = Indicator(await Rates("hbdoctor", township), "elderly-health-management");
        Assert.Equal(1, (int)hb["numerator"]!);
        Assert.Equal(1, (int)hb["denominator"]!);

        // a regulator of 王益区 sees nobody in 宜君县
        var regulator = await Rates("wjw", township);
        var none = Indicator(regulator, "elderly-health-management");
        Assert.Equal(0, (int)none["denominator"]!);
        Assert.Null(none["rate"]);
        Assert.Empty(regulator["records"]!["items"]!.AsArray());

        // the record itself: 404 out of scope, and regulators cannot write
        using (var r = await (await As("doctor")).GetAsync($"{Checks}/{hidden.Id()}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await (await As("wjw")).PostAsJsonAsync(Checks, CompleteCheck(mine[0]), Tests.Infrastructure.Api.Json))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await (await As("caregiver")).GetAsync($"{Indicators}?regionCode={township}"))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using var anonymous = Factory.Anonymous();
        using (var r = await anonymous.GetAsync($"{Indicators}?regionCode={township}")) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [DbFact]
    public async Task Indicator_queries_are_validated()
    {
        var admin = await As("city");
        using (var r = await admin.GetAsync($"{Indicators}?regionCode=999999&year={Year + 1}&drill=x&pageSize=1000"))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("regionCode"));
            Assert.NotEmpty(p.FieldErrors("year"));
            Assert.NotEmpty(p.FieldErrors("drill"));
            Assert.NotEmpty(p.FieldErrors("pageSize"));
        }
        // the city operator's own region (the city) is its default; the platform admin reads no indicators
        Assert.Equal("6102", (string)(await admin.GetJson(Indicators))["regionCode"]!);
        using (var r = await (await As("admin")).GetAsync(Indicators)) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        // the regulator's own region is the default
        var wjw = await (await As("wjw")).GetJson(Indicators);
        Assert.Equal("610202", (string)wjw["regionCode"]!);
    }

    [DbFact]
    public async Task A_yearly_record_is_scored_checked_for_completeness_and_corrected_until_signed()
    {
        var elder = await Elder("610302002");
        var doctor = await As("city");
        using var created = await doctor.PostAsJsonAsync(Checks, CompleteCheck(elder), Tests.Infrastructure.Api.Json);
        await created.ShouldBe(HttpStatusCode.Created);
        var c = await created.ReadJson();
        Assert.Equal("W/\"0\"", created.Headers.ETag?.ToString());
        Assert.Equal(3, (int)c["selfCare"]!["total"]!);
        Assert.Equal("可自理", (string)c["selfCare"]!["bandName"]!);
        Assert.Equal(22.0m, (decimal)c["bmi"]!);
        Assert.True((bool)c["complete"]!);
        Assert.Empty(c["missing"]!.AsArray());
        Assert.Empty(c["abnormalities"]!.AsArray());
        Assert.Equal(Year, (int)c["year"]!);

        // one per elder and year
        using (var dup = await doctor.PostAsJsonAsync(Checks, CompleteCheck(elder), Tests.Infrastructure.Api.Json))
            Assert.Equal("duplicate-year", (string)(await dup.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        // abnormal BP: the referral decision is needed before the record counts
        var body = CompleteCheck(elder);
        ((Dictionary<string, object?>)body["physicalExam"]!)["systolic"] = 150;
        ((Dictionary<string, object?>)body["physicalExam"]!)["diastolic"] = 95;
        using (var stale = await doctor.PutJson($"{Checks}/{c.Id()}", body, "W/\"7\""))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using var put = await doctor.PutJson($"{Checks}/{c.Id()}", body, "W/\"0\"");
        await put.ShouldBe(HttpStatusCode.OK);
        var updated = await put.ReadJson();
        Assert.False((bool)updated["complete"]!, updated.ToJsonString());
        Assert.Contains("血压升高", updated["abnormalities"]!.AsArray().Select(x => (string)x!));
        Assert.Equal(["referral.needed"], updated["missing"]!.AsArray().Select(m => (string)m!["field"]!));
        using (var sign = await doctor.PostAsJsonAsync($"{Checks}/{c.Id()}/sign", new { }, Tests.Infrastructure.Api.Json))
            Assert.Equal("incomplete", (string)(await sign.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        body["referral"] = new Dictionary<string, object?> { ["needed"] = true, ["to"] = "王益区人民医院心内科", ["reason"] = "血压控制不佳" };
        body["version"] = 1;
        var referred = await doctor.PutJson($"{Checks}/{c.Id()}", body);
        await referred.ShouldBe(HttpStatusCode.OK);
        Assert.True((bool)(await referred.ReadJson())["complete"]!);
        var signed = await doctor.PostJson($"{Checks}/{c.Id()}/sign", new { }, HttpStatusCode.OK);
        Assert.Equal("signed", (string)signed["status"]!);
        body["version"] = (int)signed["version"]!;
        using (var after = await doctor.PutJson($"{Checks}/{c.Id()}", body))
            Assert.Equal("signed", (string)(await after.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        var list = (await doctor.GetJson($"{Checks}?elderId={elder}")).AsArray();
        Assert.Single(list);
        var timeline = (await doctor.GetJson($"/api/elders/{elder}/timeline")).AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Contains(timeline, s => s.StartsWith("录入" + Year + " 年老年人健康管理体检", StringComparison.Ordinal));
        Assert.Contains(timeline, s => s.StartsWith("签署", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Bad_yearly_records_are_refused_field_by_field_and_change_nothing()
    {
        var elder = await Elder("610302002");
        var admin = await As("city");
        var body = CompleteCheck(elder, TestData.ChinaToday.AddDays(1).ToString("yyyy-MM-dd"));
        var exam = (Dictionary<string, object?>)body["physicalExam"]!;
        exam["systolic"] = 300;
        exam["foo"] = 1;
        ((Dictionary<string, object?>)body["selfCare"]!)["meal"] = 1; // 进餐 has no 1-point option
        ((Dictionary<string, object?>)body["lifestyle"]!)["smoking"] = "sometimes";
        ((Dictionary<string, object?>)body["tests"]!)["fastingGlucose"] = "high";
        using (var r = await admin.PostAsJsonAsync(Checks, body, Tests.Infrastructure.Api.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("checkedOn"));
            Assert.Contains("60–260", p.FieldErrors("physicalExam.systolic").Single());
            Assert.NotEmpty(p.FieldErrors("physicalExam.foo"));
            Assert.NotEmpty(p.FieldErrors("selfCare.meal"));
            Assert.NotEmpty(p.FieldErrors("lifestyle.smoking"));
            Assert.NotEmpty(p.FieldErrors("tests.fastingGlucose"));
            Assert.All(((JsonObject)p["errors"]!).Select(e => (string)e.Value![0]!), m => Assert.True(Tests.Infrastructure.Api.IsChinese(m), m));
        }
        var diastolic = CompleteCheck(elder);
        ((Dictionary<string, object?>)diastolic["physicalExam"]!)["diastolic"] = 130;
        using (var r = await admin.PostAsJsonAsync(Checks, diastolic, Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("physicalExam.diastolic"));
        // under 65 in the year of the check
        var young = await Elder("610302002", born: new DateOnly(Year - 63, 6, 1));
        using (var r = await admin.PostAsJsonAsync(Checks, CompleteCheck(young), Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("elderId"));
        using (var r = await admin.PostAsJsonAsync(Checks, CompleteCheck(99_999_999), Tests.Infrastructure.Api.Json)) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.Empty((await admin.GetJson($"{Checks}?elderId={elder}")).AsArray());
    }

    [DbFact]
    public async Task Malformed_bodies_and_queries_are_400s_never_500s()
    {
        var elder = await Elder("610302002");
        var admin = await As("city");
        foreach (var json in new[]
                 {
                     $$"""{"elderId":{{elder}},"checkedOn":"2026-13-01"}""",
                     $$"""{"elderId":{{elder}},"lifestyle":5}""",
                     "{\"elderId\":" + elder + ",\"physicalExam\":{\"systolic\":[1]}}",
                     "[]",
                 })
        {
            using var r = await admin.PostAsync(Checks, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }
        using (var r = await admin.PostAsync(Tcm, new StringContent("{\"elderId\":" + elder + ",\"items\":{\"Q1\":\"x\"}}", System.Text.Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using (var r = await admin.GetAsync("/api/chronic-followups")) Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("elderId"));
        using (var r = await admin.GetAsync($"/api/chronic-followups?elderId={elder}&year=1999"))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("year"));
        using (var r = await admin.GetAsync("/api/health-checks")) Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("elderId"));
        using (var r = await admin.GetAsync($"{Indicators}?regionCode=610202&year=abc")) Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using (var r = await admin.PutJson($"{Checks}/123456789", CompleteCheck(elder), "W/\"0\"")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Concurrent_records_of_one_elder_and_year_store_exactly_one_and_the_database_refuses_a_second()
    {
        var elder = await Elder("610302003");
        var admin = await As("city");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.PostAsJsonAsync(Checks, CompleteCheck(elder), Tests.Infrastructure.Api.Json)));
        foreach (var r in responses)
            using (r)
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);

        var refused = await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            var now = DateTimeOffset.UtcNow;
            object at = db.IsSqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)! : now;
            try
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO healthmgmt_check (elder_id, township_code, county_code, year, checked_on, content_json, abnormal, complete, status, created_by, created_at, updated_at, version) " +
                    "VALUES ({0}, '610302003', '610302', {1}, {2}, '{{}}', FALSE, TRUE, 1, 'intruder', {3}, {3}, 0)",
                    elder, Year, TestData.ChinaToday, at);
                return false;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                return true;
            }
        });
        Assert.True(refused);
    }

    [DbFact]
    public async Task A_tcm_record_scores_the_33_questions_and_counts_only_with_guidance_in_all_five_areas()
    {
        var elder = await Elder("610302002");
        var admin = await As("city");
        // Q2, Q3, Q4, Q14 = 3 → 气虚质 12 → 是; 平和质 = 1 + (6−3) + (6−3) + (6−1) + (6−1) = 17 but a biased sum > 10 → 否
        var items = AllOnes();
        foreach (var q in new[] { "Q2", "Q3", "Q4", "Q14" }) items[q] = 3;
        using (var missing = await admin.PostAsJsonAsync(Tcm, TcmBody(elder, items: AllOnes().Where(kv => kv.Key != "Q5").ToDictionary()), Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await missing.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("items.Q5"));
        using (var badTopic = await admin.PostAsJsonAsync(Tcm, TcmBody(elder, ["massage"]), Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await badTopic.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("guidanceTopics"));

        var t = await admin.PostJson(Tcm, TcmBody(elder, ["emotion", "diet"], items), HttpStatusCode.Created);
        Assert.Equal("气虚质（是）", (string)t["identified"]!);
        var qixu = t["result"]!["constitutions"]!.AsArray().Single(c => (string)c!["name"]! == "气虚质")!;
        Assert.Equal(12, (int)qixu["sum"]!);
        var pinghe = t["result"]!["constitutions"]!.AsArray().Single(c => (string)c!["name"]! == "平和质")!;
        Assert.Equal(17, (int)pinghe["sum"]!);
        Assert.Equal("否", (string)pinghe["verdict"]!);
        Assert.False((bool)t["complete"]!);
        Assert.Equal(3, t["missing"]!.AsArray().Count);

        using (var dup = await admin.PostAsJsonAsync(Tcm, TcmBody(elder), Tests.Infrastructure.Api.Json))
            Assert.Equal("duplicate-year", (string)(await dup.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        var body = TcmBody(elder, items: items);
        body["version"] = 0;
        using var put = await admin.PutJson($"{Tcm}/{t.Id()}", body);
        await put.ShouldBe(HttpStatusCode.OK);
        var done = await put.ReadJson();
        Assert.True((bool)done["complete"]!);
        Assert.Equal(["情志调摄", "饮食调养", "起居调摄", "运动保健", "穴位保健"], done["guidanceTopicNames"]!.AsArray().Select(x => (string)x!));
        Assert.Equal("signed", (string)(await admin.PostJson($"{Tcm}/{t.Id()}/sign", new { }, HttpStatusCode.OK))["status"]!);

        // all answers 1: nothing biased, 平和质 1 + 4 × 5 = 21 → 是
        var other = await Elder("610302002");
        var balanced = await admin.PostJson(Tcm, TcmBody(other), HttpStatusCode.Created);
        Assert.Equal("平和质（是）", (string)balanced["identified"]!);
        var timeline = (await admin.GetJson($"/api/elders/{elder}/timeline")).AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Contains(timeline, s => s.Contains("中医药健康管理", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Chronic_followups_are_counted_per_disease_and_year_against_four_and_vaccinations_are_dated()
    {
        var elder = await Elder("610302002", flags: ["chronic"]);
        var admin = await As("city");
        var start = new DateOnly(Year, 1, 1);
        object Followup(int day, string disease = "hypertension", string way = "clinic", int? sys = 138, int? dia = 86, decimal? glucose = null) => new
        {
            elderId = elder,
            disease,
            followedOn = start.AddDays(day).ToString("yyyy-MM-dd"),
            way,
            symptoms = new[] { "headache" },
            systolic = sys,
            diastolic = dia,
            fastingGlucose = glucose,
            adherence = "regular",
            classification = "satisfied",
            nextOn = start.AddDays(day + 90).ToString("yyyy-MM-dd"),
        };
        for (var i = 0; i < 3; i++) await admin.PostJson("/api/chronic-followups", Followup(i * 7), HttpStatusCode.Created);
        await admin.PostJson("/api/chronic-followups", Followup(1, "diabetes", "phone", null, null), HttpStatusCode.Created);
        var year = await admin.GetJson($"/api/chronic-followups?elderId={elder}&year={Year}");
        var hypertension = year["counts"]!.AsArray().Single(c => (string)c!["disease"]! == "hypertension")!;
        Assert.Equal(3, (int)hypertension["count"]!);
        Assert.Equal(4, (int)hypertension["required"]!);
        Assert.False((bool)hypertension["met"]!);
        await admin.PostJson("/api/chronic-followups", Followup(28), HttpStatusCode.Created);
        year = await admin.GetJson($"/api/chronic-followups?elderId={elder}&year={Year}");
        Assert.True((bool)year["counts"]!.AsArray().Single(c => (string)c!["disease"]! == "hypertension")!["met"]!);
        Assert.Equal(1, (int)year["counts"]!.AsArray().Single(c => (string)c!["disease"]! == "diabetes")!["count"]!);
        Assert.Empty((await admin.GetJson($"/api/chronic-followups?elderId={elder}&year={Year - 1}"))["items"]!.AsArray());

        using (var dup = await admin.PostAsJsonAsync("/api/chronic-followups", Followup(0), Tests.Infrastructure.Api.Json))
            Assert.Equal("duplicate-followup", (string)(await dup.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        using (var bad = await admin.PostAsJsonAsync("/api/chronic-followups", new
        {
            elderId = elder,
            disease = "hypertension",
            followedOn = start.AddDays(2).ToString("yyyy-MM-dd"),
            way = "visit",
            adherence = "often",
            classification = "ok",
            systolic = 120,
            diastolic = 125,
            nextOn = start.ToString("yyyy-MM-dd"),
        }, Tests.Infrastructure.Api.Json))
        {
            var p = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
            foreach (var f in new[] { "way", "adherence", "classification", "diastolic", "nextOn" }) Assert.NotEmpty(p.FieldErrors(f));
        }
        using (var noBp = await admin.PostAsJsonAsync("/api/chronic-followups", Followup(3, sys: null, dia: null), Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await noBp.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("systolic"));
        using (var noGlucose = await admin.PostAsJsonAsync("/api/chronic-followups", Followup(3, "diabetes", "home", null, null), Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await noGlucose.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("fastingGlucose"));

        var flu = await admin.PostJson("/api/vaccinations", new { elderId = elder, vaccine = "flu", vaccinatedOn = Today }, HttpStatusCode.Created);
        Assert.Equal("流感疫苗", (string)flu["vaccineName"]!);
        using (var dup = await admin.PostAsJsonAsync("/api/vaccinations", new { elderId = elder, vaccine = "流感疫苗", vaccinatedOn = Today }, Tests.Infrastructure.Api.Json))
            await dup.ShouldBeProblem(HttpStatusCode.Conflict);
        using (var bad = await admin.PostAsJsonAsync("/api/vaccinations", new { elderId = elder, vaccine = "covid" }, Tests.Infrastructure.Api.Json))
        {
            var p = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("vaccine"));
            Assert.NotEmpty(p.FieldErrors("vaccinatedOn"));
        }
        Assert.Single((await admin.GetJson($"/api/vaccinations?elderId={elder}")).AsArray());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HealthManagementApiTestsSqlite(SqliteAppFixture f) : HealthManagementApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class HealthManagementApiTestsPostgres(PostgresAppFixture f) : HealthManagementApiTests(f), IPostgresTests;
