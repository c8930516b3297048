using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Institutions;

/// <summary>
/// The public free-beds list (docs/domain/institutions.md#free-beds-list). Answers are cached 60 s per (region, kind), so every test queries its own
/// filter combination (each combination is used by one test only).
/// </summary>
public abstract class FreeBedsApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Url = "/api/public/institutions/free-beds";
    private const string Hospital = "铜川市王益区人民医院（铜川市中医医院）";

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<long> NewCareHome(string township, string name)
    {
        var admin = await As("city");
        return (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = name,
            ["kind"] = "elderly-care",
            ["careType"] = "护理型",
            ["creditCode"] = TestData.CreditCode("52"),
            ["careLicenceNo"] = "YL" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = township,
            ["address"] = "王益区桃园路 8 号",
            ["phone"] = "0919-3151234",
            ["elderCareBeds"] = 3,
            ["nursingBeds"] = 2,
            ["medicalBeds"] = 1,
        }, HttpStatusCode.Created)).Id();
    }

    private static async Task<long> Bed(HttpClient admin, long org, string kind) =>
        (await admin.PostJson($"/api/institutions/{org}/beds", new { ward = "一病区", room = "R" + Guid.NewGuid().ToString("N")[..6], number = "1", kind },
            HttpStatusCode.Created)).Id();

    private async Task<(long Elder, long Stay, string Name)> Admit(HttpClient admin, long org, long bed)
    {
        var name = TestData.Name("住");
        var elder = (await CreateElder(ElderBody(name: name, orgId: org))).Id();
        var stay = (await admin.PostJson($"/api/institutions/{org}/admissions", new { elderId = elder, bedId = bed, admittedOn = D(TestData.ChinaToday.AddDays(-5)) },
            HttpStatusCode.Created)).Id();
        return (elder, stay, name);
    }

    private static JsonNode Line(JsonNode inst, string kind) => inst["byUse"]!.AsArray().Single(l => (string)l!["kind"]! == kind)!;

    [DbFact]
    public async Task Free_beds_are_counted_by_actual_use_with_leave_holding_the_bed_and_no_personal_data()
    {
        var admin = await As("city");
        var org = await NewCareHome("610202003", TestData.Name("颐康养老院"));
        var e1 = await Bed(admin, org, "elder-care");
        var e2 = await Bed(admin, org, "elder-care");
        var e3 = await Bed(admin, org, "elder-care");
        var n1 = await Bed(admin, org, "nursing");
        await Bed(admin, org, "nursing");
        await Bed(admin, org, "medical");

        var a = await Admit(admin, org, e1);
        var b = await Admit(admin, org, n1);
        var c = await Admit(admin, org, e2);
        // c leaves for good (bed e2 free again); a is in hospital (bed e1 held)
        await admin.PostJson($"/api/institutions/stays/{c.Stay}/discharge", new { reason = "discharged", dischargedOn = D(TestData.ChinaToday) }, HttpStatusCode.OK);
        await admin.PostJson($"/api/institutions/stays/{a.Stay}/leaves", new { kind = "hospitalised", startOn = D(TestData.ChinaToday.AddDays(-1)), expectedReturnOn = D(TestData.ChinaToday.AddDays(5)) },
            HttpStatusCode.Created);
        // e3 is converted to medical use (health bureau approves)
        var conv = await admin.PostJson($"/api/institutions/beds/{e3}/conversions", new { toUse = "medical", reason = "增设医疗床位" }, HttpStatusCode.Created);
        await (await As("wjw")).PostJson($"/api/institutions/conversions/{conv.Id()}/approve", new { note = "同意" }, HttpStatusCode.OK);
        // an agreement in force with the district hospital
        var agreement = await admin.PostJson("/api/agreements", new
        {
            medicalOrganizationId = await OrgId(Hospital),
            careOrganizationId = org,
            startOn = TestData.ChinaToday.AddDays(-10),
            endOn = TestData.ChinaToday.AddDays(300),
            items = new[] { "rounds", "green-channel" },
            roundsPerMonth = 2,
            medicalDuties = "每月巡诊两次",
            careDuties = "提供场地",
        }, HttpStatusCode.Created);
        await admin.PostJson($"/api/agreements/{agreement.Id()}/activate", new { version = (int)agreement["version"]! }, HttpStatusCode.OK);

        using var anon = Factory.Anonymous();
        using var response = await anon.GetAsync($"{Url}?regionCode=610202003");
        await response.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        var inst = JsonNode.Parse(text)!.AsArray().Single(i => i!.Id() == org)!;

        // by hand: 养老 e1 (held by a, on leave) + e2 (free after c left) = 2 beds, 1 free; 护理型 n1 (b) + n2 = 2 beds, 1 free;
        // 医疗 m1 + e3 (converted) = 2 beds, 2 free; 安宁疗护 none (not listed). Total 6, free 4.
        Assert.Equal(6, (int)inst["totalBeds"]!);
        Assert.Equal(4, (int)inst["freeBeds"]!);
        Assert.Equal((2, 1), ((int)Line(inst, "elder-care")["beds"]!, (int)Line(inst, "elder-care")["free"]!));
        Assert.Equal((2, 1), ((int)Line(inst, "nursing")["beds"]!, (int)Line(inst, "nursing")["free"]!));
        Assert.Equal((2, 2), ((int)Line(inst, "medical")["beds"]!, (int)Line(inst, "medical")["free"]!));
        Assert.Equal("护理型", (string)Line(inst, "nursing")["kindName"]!);
        Assert.DoesNotContain(inst["byUse"]!.AsArray(), l => (string)l!["kind"]! == "hospice");
        Assert.Equal("0919-3151234", (string)inst["phone"]!);
        Assert.Equal("王益区桃园路 8 号", (string)inst["address"]!);
        Assert.Equal("陕西省 铜川市 王益区 桃园街道", (string)inst["regionName"]!);
        Assert.Equal("养老机构", (string)inst["kindName"]!);
        Assert.False((bool)inst["hasMedicalRoom"]!);
        Assert.True((bool)inst["hasAgreement"]!);
        Assert.Equal([Hospital], inst["partnerNames"]!.AsArray().Select(p => (string)p!));

        // no personal data: only the documented fields, no resident names or ids anywhere in the answer
        Assert.Equal(["address", "byUse", "freeBeds", "hasAgreement", "hasMedicalRoom", "id", "kindName", "name", "partnerNames", "phone", "regionName",
            "totalBeds", "townshipCode"], inst.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var (_, _, name) in new[] { a, b, c }) Assert.DoesNotContain(name, text, StringComparison.Ordinal);
        Assert.DoesNotContain("elderId", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("stay", text, StringComparison.OrdinalIgnoreCase);
    }

    [DbFact]
    public async Task Anonymous_users_get_the_list_and_the_page_and_bad_filters_are_refused()
    {
        var admin = await As("city");
        var name = TestData.Name("安康养老院");
        var org = await NewCareHome("610202006", name);
        await Bed(admin, org, "nursing");
        await Bed(admin, org, "hospice");

        using var anon = Factory.Anonymous();
        var all = (await anon.GetJson(Url)).AsArray();
        var mine = all.Single(i => i!.Id() == org)!;
        Assert.Equal(2, (int)mine["freeBeds"]!);
        Assert.False((bool)mine["hasAgreement"]!);
        Assert.Empty(mine["partnerNames"]!.AsArray());
        // only care institutions are listed: the district hospital (medical) never is
        Assert.DoesNotContain(all, i => (string)i!["name"]! == Hospital);

        // kind filter: only institutions with a free bed of that use
        Assert.Contains((await anon.GetJson($"{Url}?regionCode=610202006&kind=hospice")).AsArray(), i => i!.Id() == org);
        Assert.DoesNotContain((await anon.GetJson($"{Url}?regionCode=610202006&kind=medical")).AsArray(), i => i!.Id() == org);

        using (var r = await anon.GetAsync($"{Url}?regionCode=abc"))
            Assert.Contains("地区", (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("regionCode").Single());
        using (var r = await anon.GetAsync($"{Url}?regionCode=999999"))
            await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        using (var r = await anon.GetAsync($"{Url}?kind=vip"))
            Assert.Contains("床位类型", (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("kind").Single());

        // the page, anonymous, with the phone as a tel: link
        using (var r = await anon.GetAsync("/FreeBeds?regionCode=610202006&kind=nursing"))
        {
            await r.ShouldBe(HttpStatusCode.OK);
            var html = await r.Content.ReadAsStringAsync();
            Assert.Contains(name, html);
            Assert.Contains("href=\"tel:0919-3151234\"", html);
            Assert.Contains("护理型：空 <strong>1</strong> / 共 1 张", html);
        }
        using (var r = await anon.GetAsync("/FreeBeds?kind=vip"))
        {
            await r.ShouldBe(HttpStatusCode.OK);
            Assert.Contains("id=\"kind-error\"", await r.Content.ReadAsStringAsync());
        }
        using (var r = await anon.GetAsync("/Account/Login"))
            Assert.Contains("href=\"/FreeBeds\"", await r.Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task The_answer_is_cached_for_a_minute()
    {
        var admin = await As("city");
        var org = await NewCareHome("610202005", TestData.Name("福寿养老院"));
        var bed = await Bed(admin, org, "elder-care");
        using var anon = Factory.Anonymous();
        using (var r = await anon.GetAsync($"{Url}?regionCode=610202005&kind=elder-care"))
        {
            await r.ShouldBe(HttpStatusCode.OK);
            Assert.Equal("public, max-age=60", r.Headers.CacheControl!.ToString());
            Assert.Equal(1, (int)(await r.ReadJson()).AsArray().Single(i => i!.Id() == org)!["freeBeds"]!);
        }
        await Admit(admin, org, bed);
        // within the minute the cached answer is served (the database is not queried again)
        Assert.Equal(1, (int)(await anon.GetJson($"{Url}?regionCode=610202005&kind=elder-care")).AsArray().Single(i => i!.Id() == org)!["freeBeds"]!);
        // another filter combination is computed afresh: no free 养老 bed any more
        Assert.DoesNotContain((await anon.GetJson($"{Url}?regionCode=610202&kind=elder-care")).AsArray(), i => i!.Id() == org);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FreeBedsApiTestsSqlite(SqliteAppFixture f) : FreeBedsApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class FreeBedsApiTestsPostgres(PostgresAppFixture f) : FreeBedsApiTests(f), IPostgresTests;
