using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Agreements;

public abstract class AgreementApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/agreements";
    private const string Hospital = "铜川市王益区人民医院（铜川市中医医院）";

    /// <summary>A fresh care home of the test's own (no medical room), so that pairs never collide between tests.</summary>
    private async Task<long> NewCareHome() =>
        (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = TestData.Name("养老院"),
            ["kind"] = "elderly-care",
            ["careType"] = "护理型",
            ["creditCode"] = TestData.CreditCode("52"),
            ["careLicenceNo"] = "YL" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = Township,
            ["elderCareBeds"] = 20,
        }, HttpStatusCode.Created)).Id();

    private static object Body(long medical, long care, DateOnly? start = null, DateOnly? end = null) => new
    {
        medicalOrganizationId = medical,
        careOrganizationId = care,
        startOn = start ?? TestData.ChinaToday.AddDays(-10),
        endOn = end ?? TestData.ChinaToday.AddDays(300),
        items = new[] { "training", "rounds", "green-channel" },
        roundsPerMonth = 4,
        fee = 3600.50m,
        medicalDuties = "每周巡诊一次",
        careDuties = "提供场地",
    };

    private async Task<JsonNode> Effective(long medical, long care)
    {
        var admin = await As("city");
        var a = await admin.PostJson(Base, Body(medical, care), HttpStatusCode.Created);
        return await admin.PostJson($"{Base}/{a.Id()}/activate", new { version = (int)a["version"]! }, HttpStatusCode.OK);
    }

    /// <summary>A transition with the agreement's current version.</summary>
    private async Task<HttpResponseMessage> Act(HttpClient c, long id, string action, string? reason = null)
    {
        var version = (int)(await (await As("city")).GetJson($"{Base}/{id}"))["version"]!;
        return await c.PostAsJsonAsync($"{Base}/{id}/{action}", new { reason, version }, JsonApi.Json);
    }

    private async Task<JsonNode> ActOk(long id, string action, string? reason = null)
    {
        using var r = await Act(await As("city"), id, action, reason);
        await r.ShouldBe(HttpStatusCode.OK);
        return await r.ReadJson();
    }

    /// <summary>An elder of the care home, admitted to a new bed there when <paramref name="admit"/>.</summary>
    private async Task<long> Elder(long care, bool admit)
    {
        var admin = await As("city");
        var elder = (await CreateElder(ElderBody(orgId: care))).Id();
        if (!admit) return elder;
        var bed = (await admin.PostJson($"/api/institutions/{care}/beds",
            new { ward = "W" + Guid.NewGuid().ToString("N")[..8], room = "101", number = "1", kind = "nursing" }, HttpStatusCode.Created)).Id();
        await admin.PostJson($"/api/institutions/{care}/admissions", new { elderId = elder, bedId = bed, admittedOn = TestData.ChinaToday.AddDays(-3) }, HttpStatusCode.Created);
        return elder;
    }

    private static async Task<HttpStatusCode> Read(HttpClient c, long elder)
    {
        using var r = await c.GetAsync($"/api/elders/{elder}");
        return r.StatusCode;
    }

    [DbFact]
    public async Task An_agreement_is_drafted_validated_activated_and_terminated_with_a_reason()
    {
        var admin = await As("city");
        var hospital = await OrgId(Hospital);
        var care = await NewCareHome();
        var draft = await admin.PostJson(Base, Body(hospital, care), HttpStatusCode.Created);
        Assert.Equal("draft", (string)draft["status"]!);
        Assert.Equal("草拟", (string)draft["statusName"]!);
        // stored in the fixed list order, with names
        Assert.Equal(["巡诊", "绿色通道", "培训"], draft["items"]!.AsArray().Select(i => (string)i!["name"]!));
        Assert.Equal(3600.50m, (decimal)draft["fee"]!);
        Assert.Equal(["activate"], draft["actions"]!.AsArray().Select(a => (string)a!));

        var active = await ActOk(draft.Id(), "activate");
        Assert.Equal("effective", (string)active["status"]!);
        Assert.True((bool)active["inForce"]!);
        using (var again = await Act(admin, draft.Id(), "activate"))
            Assert.Equal("illegal-transition", (string)(await again.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        // a second agreement of the same pair cannot take effect while the first is in force
        var second = await admin.PostJson(Base, Body(hospital, care), HttpStatusCode.Created);
        using (var r = await Act(admin, second.Id(), "activate"))
            Assert.Equal("already-effective", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        using (var noReason = await Act(admin, draft.Id(), "terminate"))
            Assert.Equal(["请填写终止原因（最多 500 字）。"], (await noReason.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
        using (var stale = await admin.PostAsJsonAsync($"{Base}/{draft.Id()}/terminate", new { reason = "x", version = 0 }, JsonApi.Json))
            Assert.Equal("concurrency", (string)(await stale.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        var ended = await ActOk(draft.Id(), "terminate", "养老院搬迁");
        Assert.Equal("terminated", (string)ended["status"]!);
        Assert.Equal("养老院搬迁", (string)ended["terminateReason"]!);
        Assert.Equal(TestData.ChinaToday.ToString("yyyy-MM-dd"), (string)ended["terminatedOn"]!);
        Assert.False((bool)ended["inForce"]!);
        // now the second may take effect
        await ActOk(second.Id(), "activate");

        var att = await admin.PostJson($"{Base}/{second.Id()}/attachments", new { fileName = "协议扫描件.pdf", sizeBytes = 1024 }, HttpStatusCode.Created);
        Assert.Equal("协议扫描件.pdf", (string)att["fileName"]!);
        Assert.Single((await admin.GetJson($"{Base}/{second.Id()}"))["attachments"]!.AsArray());

        var actions = await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().AuditEntries
            .Where(e => e.SubjectType == "agreement" && (e.SubjectId == draft.Id().ToString() || e.SubjectId == second.Id().ToString()))
            .Select(e => e.Action).ToListAsync());
        foreach (var a in new[] { "agreements.create", "agreements.activate", "agreements.terminate", "agreements.attachment.add" }) Assert.Contains(a, actions);
    }

    [DbFact]
    public async Task Bad_input_is_refused_field_by_field_in_chinese()
    {
        var admin = await As("city");
        var hospital = await OrgId(Hospital);
        var care = await NewCareHome();
        using (var r = await admin.PostAsJsonAsync(Base, new
        {
            medicalOrganizationId = care,
            careOrganizationId = hospital,
            startOn = "2026-05-01",
            endOn = "2026-04-01",
            items = new[] { "rounds", "massage" },
            fee = -1,
            medicalDuties = "",
            careDuties = "",
        }, JsonApi.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            foreach (var f in new[] { "medicalOrganizationId", "careOrganizationId", "endOn", "items", "fee", "medicalDuties", "careDuties" })
                Assert.True(JsonApi.IsChinese(p.FieldErrors(f)[0]), f);
        }
        using (var r = await admin.PostAsJsonAsync(Base, new
        {
            medicalOrganizationId = hospital,
            careOrganizationId = care,
            startOn = TestData.ChinaToday,
            endOn = TestData.ChinaToday,
            items = new[] { "rounds" },
            medicalDuties = "x",
            careDuties = "y",
        }, JsonApi.Json))
            Assert.Equal(["选择巡诊时请填写每月巡诊次数（1–31）。"], (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("roundsPerMonth"));
        // a doctor cannot sign; an institution admin of neither party cannot either
        using (var r = await (await As("hospdoctor")).PostAsJsonAsync(Base, Body(hospital, care), JsonApi.Json)) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var r = await (await As("orgadmin")).PostAsJsonAsync(Base, Body(hospital, care), JsonApi.Json)) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        // a future term cannot take effect yet
        var future = await admin.PostJson(Base, Body(hospital, care, TestData.ChinaToday.AddDays(5), TestData.ChinaToday.AddDays(50)), HttpStatusCode.Created);
        using (var r = await Act(admin, future.Id(), "activate"))
            Assert.Contains("尚未开始", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["detail"]!);
        Assert.Equal(0, await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Set<Modules.Agreements.Agreement>()
            .CountAsync(a => a.CareOrganizationId == care && a.Status != Modules.Agreements.AgreementStatus.Draft)));
    }

    [DbFact]
    public async Task The_partner_hospital_reads_covered_residents_only_while_the_agreement_is_in_force()
    {
        var hospital = await OrgId(Hospital);
        var care = await NewCareHome();
        var resident = await Elder(care, admit: true);
        var outsider = await Elder(care, admit: false);
        var doctor = await As("hospdoctor");
        Assert.Equal(HttpStatusCode.NotFound, await Read(doctor, resident));

        var a = await Effective(hospital, care);
        Assert.Equal(HttpStatusCode.OK, await Read(doctor, resident));
        Assert.Equal(HttpStatusCode.NotFound, await Read(doctor, outsider));   // not resident
        Assert.Equal(HttpStatusCode.NotFound, await Read(await As("hbdoctor"), resident)); // not a party
        Assert.Contains((await doctor.GetJson("/api/elders?pageSize=200"))["items"]!.AsArray(), e => e!.Id() == resident);
        // read, never write
        using (var put = await doctor.PutAsJsonAsync($"/api/elders/{resident}", ElderBody(orgId: care), JsonApi.Json))
            await put.ShouldBeProblem(HttpStatusCode.NotFound);
        // the agreement is readable by the hospital's staff, not by another organization
        await doctor.GetJson($"{Base}/{a.Id()}");
        using (var r = await (await As("hbdoctor")).GetAsync($"{Base}/{a.Id()}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);

        // terminated: access ends at once
        await ActOk(a.Id(), "terminate", "合作终止");
        Assert.Equal(HttpStatusCode.NotFound, await Read(doctor, resident));

        // a new agreement whose term ended yesterday: access ended with the term
        var b = await Effective(hospital, care);
        Assert.Equal(HttpStatusCode.OK, await Read(doctor, resident));
        await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Database.ExecuteSqlRawAsync(
            "UPDATE agreements_agreement SET start_on = {0}, end_on = {1} WHERE id = {2}", TestData.ChinaToday.AddDays(-60), TestData.ChinaToday.AddDays(-1), b.Id()));
        Assert.Equal(HttpStatusCode.NotFound, await Read(doctor, resident));
        var expired = await doctor.GetJson($"{Base}/{b.Id()}");
        Assert.Equal("expired", (string)expired["status"]!);
        Assert.Equal("到期", (string)expired["statusName"]!);
        // and a fresh agreement can take effect (the lapsed one is marked 到期)
        await Effective(hospital, care);
        Assert.Equal(HttpStatusCode.OK, await Read(doctor, resident));
    }

    [DbFact]
    public async Task Regulators_list_care_homes_with_neither_an_agreement_in_force_nor_a_medical_room()
    {
        var hospital = await OrgId(Hospital);
        var care = await NewCareHome();
        var wjw = await As("wjw");
        async Task<bool> Listed() => (await wjw.GetJson($"{Base}/uncovered?regionCode={Township}")).AsArray().Any(o => o!.Id() == care);
        Assert.True(await Listed());
        var a = await Effective(hospital, care);
        Assert.False(await Listed());
        await ActOk(a.Id(), "terminate", "到期不续");
        Assert.True(await Listed());
        // the demo care home 王益区社会福利院 has the demo agreement with the district hospital
        var welfare = await OrgId("王益区社会福利院");
        Assert.DoesNotContain((await wjw.GetJson($"{Base}/uncovered")).AsArray(), o => o!.Id() == welfare);
        // a regulator asking for another district gets their own district; staff are refused
        Assert.Contains((await wjw.GetJson($"{Base}/uncovered?regionCode={OtherDistrictTownship}")).AsArray(), o => o!.Id() == care);
        using (var r = await (await As("hospdoctor")).GetAsync($"{Base}/uncovered")) await r.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task Performance_counts_planned_rounds_and_nothing_else_for_a_new_pair()
    {
        var hospital = await OrgId(Hospital);
        var care = await NewCareHome();
        var a = await Effective(hospital, care); // started 10 days ago, 4 rounds a month
        var p = await (await As("city")).GetJson($"{Base}/{a.Id()}/performance");
        Assert.Equal(TestData.ChinaToday.AddDays(-10).ToString("yyyy-MM-dd"), (string)p["from"]!);
        Assert.Equal(TestData.ChinaToday.ToString("yyyy-MM-dd"), (string)p["to"]!);
        Assert.Equal(1, (int)p["plannedRounds"]!); // 4 × 11 / 30 = 1.47 → 1
        Assert.Equal(0, (int)p["referralsSent"]!);
        Assert.Equal(0, (int)p["greenChannelAppointments"]!);
        Assert.Null(p["medianMinutesToAccept"]);
    }

    [DbFact]
    public async Task The_database_allows_one_effective_agreement_per_pair()
    {
        var hospital = await OrgId(Hospital);
        var care = await NewCareHome();
        object at = Provider == DatabaseProvider.Sqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)! : DateTimeOffset.UtcNow;

        async Task<bool> Refused(int status, DateOnly start, DateOnly end, string? reason = null) => await Factory.WithScope(async sp =>
        {
            try
            {
                await sp.GetRequiredService<YiyangDb>().Database.ExecuteSqlRawAsync(
                    "INSERT INTO agreements_agreement (medical_organization_id, care_organization_id, start_on, end_on, items, medical_duties, care_duties, " +
                    "status, activated_at, terminated_on, terminate_reason, county_code, created_by_user, created_at, updated_at, version) " +
                    "VALUES ({0}, {1}, {2}, {3}, 'training', 'x', 'y', {4}, {5}, CASE WHEN {6} = '' THEN NULL ELSE {2} END, NULLIF({6}, ''), '610202', 'raw', {5}, {5}, 0)",
                    hospital, care, start, end, status, at, reason ?? "");
                return false;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                return true;
            }
        });
        Assert.True(await Refused(2, TestData.ChinaToday, TestData.ChinaToday.AddDays(-1)));       // end before start
        Assert.True(await Refused(3, TestData.ChinaToday, TestData.ChinaToday.AddDays(10)));       // terminated without a reason
        Assert.False(await Refused(2, TestData.ChinaToday, TestData.ChinaToday.AddDays(10)));      // the first effective one
        Assert.True(await Refused(2, TestData.ChinaToday, TestData.ChinaToday.AddDays(20)));       // a second effective one for the pair
        Assert.False(await Refused(3, TestData.ChinaToday, TestData.ChinaToday.AddDays(20), "r"));  // terminated ones are fine
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AgreementApiTestsSqlite(SqliteAppFixture f) : AgreementApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class AgreementApiTestsPostgres(PostgresAppFixture f) : AgreementApiTests(f), IPostgresTests;
