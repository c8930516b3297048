using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Institutions;

/// <summary>
/// The admission desk is no oracle and no key to a stranger's record: failed lookups by ID number are limited per user
/// and per institution (429 and a security alert), an admission of an elder registered elsewhere is told to the
/// registering organization and reviewed by the regulator, and the elder's contact data waits for a check-in by a second
/// member of staff. Every test uses its own care home and accounts, so the counts of other tests do not matter.
/// </summary>
public abstract class AdmissionSafeguardsTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/institutions";

    private async Task<long> OwnCareHome(string township = Township) =>
        (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = TestData.Name("安康养老院"),
            ["kind"] = "elderly-care",
            ["careType"] = "护理型",
            ["creditCode"] = TestData.CreditCode("52"),
            ["careLicenceNo"] = "YL" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = township,
            ["elderCareBeds"] = 20,
        }, HttpStatusCode.Created)).Id();

    private async Task<(string UserName, HttpClient Client)> Staff(long orgId, string role = "caregiver")
    {
        var userName = "adm" + Guid.NewGuid().ToString("N")[..8];
        await (await As("security")).PostJson("/api/users", new
        {
            userName,
            displayName = "入住登记员",
            password = AppFactory.DemoPassword,
            role,
            organizationId = orgId,
        }, HttpStatusCode.Created);
        return (userName, await Factory.ClientFor(userName));
    }

    private static async Task<long> Bed(HttpClient client, long orgId) =>
        (await client.PostJson($"{Base}/{orgId}/beds", new { ward = "一病区", room = "R" + Guid.NewGuid().ToString("N")[..6], number = "1", kind = "nursing" },
            HttpStatusCode.Created)).Id();

    private static Task<HttpResponseMessage> AdmitById(HttpClient client, long orgId, string idNumber, string name, long bedId) =>
        client.PostAsJsonAsync($"{Base}/{orgId}/admissions", new { idNumber, name, bedId }, Tests.Infrastructure.Api.Json);

    private async Task<(long Id, string IdNumber, string Name)> HuangbaoElder()
    {
        var idNumber = TestData.IdNumber();
        var name = TestData.Name("骆");
        var elder = await CreateElder(ElderBody(id: idNumber, name: name, township: Huangbao, orgId: await HuangbaoId()));
        return (elder.Id(), idNumber, name);
    }

    private async Task<JsonArray> Alerts() => (await (await As("security")).GetJson("/api/security-alerts?open=true")).AsArray();

    [DbFact]
    public async Task After_five_misses_a_user_gets_429_even_for_a_real_id_card_and_the_security_admin_is_alerted()
    {
        var home = await OwnCareHome();
        var (userName, desk) = await Staff(home);
        var bed = await Bed(desk, home);
        var elder = await HuangbaoElder();

        for (var i = 0; i < 5; i++)
            using (var r = await AdmitById(desk, home, TestData.IdNumber(), elder.Name, bed))
                Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("idNumber"));
        using (var r = await AdmitById(desk, home, elder.IdNumber, elder.Name, bed))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.TooManyRequests);
            Assert.Contains("已通知安全管理员", (string)p["detail"]!);
            var retry = r.Headers.RetryAfter?.Delta;
            Assert.NotNull(retry);
            Assert.InRange(retry!.Value.TotalMinutes, 55, 61);
        }
        // the bed stays free: the real card was not even looked up
        Assert.Null((await desk.GetJson($"{Base}/{home}/beds")).AsArray().Single(b => b!.Id() == bed)!["occupant"]);

        var alert = Assert.Single(await Alerts(), a => (string?)a!["userName"] == userName)!;
        Assert.Equal("institutions.admission-misses.user", (string)alert["kind"]!);
        Assert.Equal(home, (long)alert["organizationId"]!);
        Assert.DoesNotContain(elder.Name, alert.ToJsonString());

        // a colleague of the same care home still works (the institution's limit is higher)
        var (_, colleague) = await Staff(home);
        using (var r = await AdmitById(colleague, home, elder.IdNumber, elder.Name, bed)) await r.ShouldBe(HttpStatusCode.Created);
    }

    [DbFact]
    public async Task Twenty_misses_of_one_institution_stop_all_its_users_and_raise_one_institution_alert()
    {
        var home = await OwnCareHome();
        var bed = await Bed((await Staff(home)).Client, home);
        for (var u = 0; u < 4; u++)
        {
            var (_, desk) = await Staff(home);
            for (var i = 0; i < 5; i++)
                using (var r = await AdmitById(desk, home, TestData.IdNumber(), "查无此人", bed)) await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        }
        var (_, fresh) = await Staff(home);
        using (var r = await AdmitById(fresh, home, TestData.IdNumber(), "查无此人", bed)) await r.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        var alerts = (await Alerts()).Where(a => (long?)a!["organizationId"] == home).ToList();
        Assert.Single(alerts, a => (string)a!["kind"]! == "institutions.admission-misses.organization");
        Assert.Equal(4, alerts.Count(a => (string)a!["kind"]! == "institutions.admission-misses.user"));

        // the security admin records what was done; a second time is a conflict; a note is required
        var id = alerts[0]!.Id();
        var security = await As("security");
        using (var r = await security.PostAsJsonAsync($"/api/security-alerts/{id}/acknowledge", new { note = "" }, Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("note"));
        var done = await security.PostJson($"/api/security-alerts/{id}/acknowledge", new { note = "已电话核实，系录入错误" }, HttpStatusCode.OK);
        Assert.Equal("security", (string)done["acknowledgedBy"]!);
        using (var r = await security.PostAsJsonAsync($"/api/security-alerts/{id}/acknowledge", new { note = "再次" }, Tests.Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.Conflict);
        // nobody else reads the alerts
        foreach (var user in new[] { "admin", "auditor", "city", "wjw" })
            using (var r = await (await As(user)).GetAsync("/api/security-alerts")) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task The_registering_organization_is_told_and_the_regulator_reviews_the_admission()
    {
        var home = await OwnCareHome();
        var (admitter, desk) = await Staff(home);
        var elder = await HuangbaoElder();
        var stay = await (await AdmitById(desk, home, elder.IdNumber, elder.Name, await Bed(desk, home))).ReadJson();

        // the health centre the elder is registered to sees the notice (name masked) and marks it read
        var hb = await As("hbdoctor");
        var notice = (await hb.GetJson($"{Base}/admission-notices")).AsArray().Single(n => (long)n!["stayId"]! == stay.Id())!;
        Assert.Equal(elder.Id, (long)notice["elderId"]!);
        Assert.Equal(admitter, (string)notice["admittedBy"]!);
        Assert.DoesNotContain(elder.Name, notice.ToJsonString());
        Assert.Null(notice["noticeReadAt"]);
        var read = await hb.PostJson($"{Base}/admission-notices/{notice.Id()}/read", new { }, HttpStatusCode.OK);
        Assert.Equal("hbdoctor", (string)read["noticeReadBy"]!);
        using (var r = await hb.PostAsJsonAsync($"{Base}/admission-notices/{notice.Id()}/read", new { }, Tests.Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.Conflict);
        // another organization's staff do not see it
        Assert.DoesNotContain((await (await As("nurse")).GetJson($"{Base}/admission-notices")).AsArray(), n => (long)n!["stayId"]! == stay.Id());

        // the district regulator reviews; a regulator of another district does not see it
        var wjw = await As("wjw");
        var review = (await wjw.GetJson($"{Base}/admission-reviews")).AsArray().Single(n => (long)n!["stayId"]! == stay.Id())!;
        Assert.Equal(home, (long)review["organizationId"]!);
        using (var r = await wjw.PostAsJsonAsync($"{Base}/admission-reviews/{review.Id()}/review", new { outcome = "questionable" }, Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("note"));
        using (var r = await wjw.PostAsJsonAsync($"{Base}/admission-reviews/{review.Id()}/review", new { outcome = "maybe" }, Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("outcome"));
        var other = await OtherDistrictRegulator();
        Assert.DoesNotContain((await other.GetJson($"{Base}/admission-reviews?open=false")).AsArray(), n => (long)n!["stayId"]! == stay.Id());
        using (var r = await other.PostAsJsonAsync($"{Base}/admission-reviews/{review.Id()}/review", new { outcome = "normal" }, Tests.Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);

        var done = await wjw.PostJson($"{Base}/admission-reviews/{review.Id()}/review", new { outcome = "questionable", note = "原登记机构未获告知，转入检查" }, HttpStatusCode.OK);
        Assert.Equal("questionable", (string)done["outcome"]!);
        Assert.Equal("wjw", (string)done["reviewedBy"]!);
        using (var r = await wjw.PostAsJsonAsync($"{Base}/admission-reviews/{review.Id()}/review", new { outcome = "normal" }, Tests.Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.DoesNotContain((await wjw.GetJson($"{Base}/admission-reviews")).AsArray(), n => (long)n!["stayId"]! == stay.Id());
        Assert.Contains((await wjw.GetJson($"{Base}/admission-reviews?open=false")).AsArray(), n => (long)n!["stayId"]! == stay.Id());
        // institution staff cannot review
        using (var r = await desk.GetAsync($"{Base}/admission-reviews")) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task Contact_data_of_an_elder_admitted_by_id_card_waits_for_a_check_in_by_a_second_person()
    {
        var home = await OwnCareHome();
        var (_, desk) = await Staff(home);
        var elder = await HuangbaoElder();
        var stayId = (await (await AdmitById(desk, home, elder.IdNumber, elder.Name, await Bed(desk, home))).ReadJson()).Id();

        foreach (var field in new[] { "phone", "address", "contacts" })
            using (var r = await desk.PostAsJsonAsync($"/api/elders/{elder.Id}/reveal", new { field, reason = "联系家属" }, Tests.Infrastructure.Api.Json))
                Assert.Contains("到院登记", (string)(await r.ShouldBeProblem(HttpStatusCode.Forbidden))["detail"]!);
        // the registering health centre is not held back
        await (await As("hbdoctor")).PostJson($"/api/elders/{elder.Id}/reveal", new { field = "phone", reason = "随访" }, HttpStatusCode.OK);

        // the admitting user cannot confirm their own admission
        using (var r = await desk.PostAsJsonAsync($"{Base}/stays/{stayId}/check-in", new { }, Tests.Infrastructure.Api.Json))
            Assert.Equal("same-person", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        var (colleagueName, colleague) = await Staff(home, "institution-admin");
        var confirmed = await colleague.PostJson($"{Base}/stays/{stayId}/check-in", new { note = "老人已到院" }, HttpStatusCode.OK);
        Assert.Equal(colleagueName, (string)confirmed["confirmedBy"]!);
        using (var r = await colleague.PostAsJsonAsync($"{Base}/stays/{stayId}/check-in", new { }, Tests.Infrastructure.Api.Json))
            Assert.Equal("checked-in", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        var phone = await desk.PostJson($"/api/elders/{elder.Id}/reveal", new { field = "phone", reason = "联系家属" }, HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty((string?)phone["value"]));
        // the timeline says so
        var timeline = (await (await As("city")).GetJson($"/api/elders/{elder.Id}/timeline")).AsArray();
        Assert.Contains(timeline, e => (string)e!["summary"]! == "到院登记：入住已确认");
    }

    [DbFact]
    public async Task An_own_elder_admitted_by_id_card_needs_no_check_in_and_no_review()
    {
        var jinhua = await JinhuaId();
        var nurse = await As("nurse");
        var idNumber = TestData.IdNumber();
        var name = TestData.Name("骆");
        var elderId = (await CreateElder(ElderBody(id: idNumber, name: name, orgId: jinhua))).Id();
        var stayId = (await (await AdmitById(nurse, jinhua, idNumber, name, await Bed(nurse, jinhua))).ReadJson()).Id();
        using (var r = await nurse.PostAsJsonAsync($"{Base}/stays/{stayId}/check-in", new { }, Tests.Infrastructure.Api.Json))
            Assert.Equal("no-check-in-needed", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        Assert.DoesNotContain((await (await As("wjw")).GetJson($"{Base}/admission-reviews?open=false")).AsArray(), n => (long)n!["stayId"]! == stayId);
        await nurse.PostJson($"/api/elders/{elderId}/reveal", new { field = "phone", reason = "联系家属" }, HttpStatusCode.OK);
    }

    private async Task<HttpClient> OtherDistrictRegulator()
    {
        var userName = "yt" + Guid.NewGuid().ToString("N")[..8];
        await (await As("security")).PostJson("/api/users", new
        {
            userName,
            displayName = "印台区卫健监管员",
            password = AppFactory.DemoPassword,
            role = "regulator",
            bureau = "health",
            regionCode = "610203",
        }, HttpStatusCode.Created);
        return await Factory.ClientFor(userName);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdmissionSafeguardsTestsSqlite(SqliteAppFixture f) : AdmissionSafeguardsTests(f);

[Collection(PostgresCollection.Name)]
public sealed class AdmissionSafeguardsTestsPostgres(PostgresAppFixture f) : AdmissionSafeguardsTests(f), IPostgresTests;
