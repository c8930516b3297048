using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Institutions;

public abstract class InstitutionApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/institutions";

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

    private Task<long> WelfareId() => OrgId("王益区社会福利院");

    private static async Task<long> Bed(HttpClient client, long orgId, string kind = "nursing", string? ward = null, string number = "1") =>
        (await client.PostJson($"{Base}/{orgId}/beds", new { ward = ward ?? "W" + Guid.NewGuid().ToString("N")[..8], room = "101", number, kind },
            HttpStatusCode.Created)).Id();

    private static Task<HttpResponseMessage> Admit(HttpClient client, long orgId, long elderId, long bedId) =>
        client.PostAsJsonAsync($"{Base}/{orgId}/admissions", new { elderId, bedId, admittedOn = Today, careLevel = "二级" }, Tests.Infrastructure.Api.Json);

    private async Task<JsonNode> Timeline(long elderId) => await (await As("city")).GetJson($"/api/elders/{elderId}/timeline");

    [DbFact]
    public async Task Beds_are_created_unique_per_place_and_listed_with_a_masked_occupant()
    {
        var org = await JinhuaId();
        var nurse = await As("nurse");
        var ward = "W" + Guid.NewGuid().ToString("N")[..8];
        var bedId = await Bed(nurse, org, "medical", ward);
        using (var dup = await nurse.PostAsJsonAsync($"{Base}/{org}/beds", new { ward, room = "101", number = "1", kind = "nursing" }, Tests.Infrastructure.Api.Json))
            Assert.Equal("bed-exists", (string)(await dup.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        using (var bad = await nurse.PostAsJsonAsync($"{Base}/{org}/beds", new { ward, room = "", number = "2", kind = "sofa" }, Tests.Infrastructure.Api.Json))
        {
            var p = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Contains("床位类型", p.FieldErrors("kind").Single());
            Assert.NotEmpty(p.FieldErrors("room"));
        }

        var elder = await CreateElder(ElderBody(name: "欧阳明华", orgId: org));
        using (var r = await Admit(nurse, org, elder.Id(), bedId)) await r.ShouldBe(HttpStatusCode.Created);
        var beds = (await nurse.GetJson($"{Base}/{org}/beds")).AsArray();
        var bed = beds.Single(b => b!.Id() == bedId)!;
        Assert.Equal("medical", (string)bed["kind"]!);
        Assert.Equal("医疗", (string)bed["kindName"]!);
        Assert.Equal("欧**", (string)bed["occupant"]!["maskedName"]!);
        Assert.DoesNotContain("欧阳明华", beds.ToJsonString());
    }

    [DbFact]
    public async Task A_bed_holds_one_resident_and_an_elder_lives_in_one_institution()
    {
        var org = await JinhuaId();
        var admin = await As("city");
        var bedId = await Bed(admin, org);
        var first = await JinhuaElder();
        var second = await JinhuaElder();
        using (var r = await Admit(admin, org, first, bedId))
        {
            await r.ShouldBe(HttpStatusCode.Created);
            var stay = await r.ReadJson();
            Assert.Equal(first, (long)stay["elderId"]!);
            Assert.Null((string?)stay["dischargedOn"]);
        }
        using (var r = await Admit(admin, org, second, bedId))
            Assert.Equal("bed-occupied", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        // the same elder into another institution
        var welfare = await WelfareId();
        var otherBed = await Bed(admin, welfare, "elder-care");
        using (var r = await Admit(admin, welfare, first, otherBed))
            Assert.Equal("already-resident", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        var events = (await Timeline(first)).AsArray();
        Assert.Contains(events, e => ((string)e!["summary"]!).StartsWith("入住", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Concurrent_admissions_to_one_bed_admit_exactly_one()
    {
        var org = await JinhuaId();
        var admin = await As("city");
        var bedId = await Bed(admin, org);
        var elders = new List<long>();
        for (var i = 0; i < 4; i++) elders.Add(await JinhuaElder());
        var responses = await Task.WhenAll(elders.Select(e => Admit(admin, org, e, bedId)));
        foreach (var r in responses)
            using (r)
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var bed = (await admin.GetJson($"{Base}/{org}/beds")).AsArray().Single(b => b!.Id() == bedId)!;
        Assert.NotNull(bed["occupant"]);
    }

    [DbFact]
    public async Task Transfer_moves_to_a_free_bed_and_discharge_frees_it()
    {
        var org = await JinhuaId();
        var nurse = await As("nurse");
        var ward = "W" + Guid.NewGuid().ToString("N")[..8];
        var a = await Bed(nurse, org, "nursing", ward, "1");
        var b = await Bed(nurse, org, "nursing", ward, "2");
        var c = await Bed(nurse, org, "nursing", ward, "3");
        var elder = await JinhuaElder();
        var other = await JinhuaElder();
        using var admitted = await Admit(nurse, org, elder, a);
        var stayId = (await admitted.ReadJson()).Id();
        using (var r = await Admit(nurse, org, other, c)) await r.ShouldBe(HttpStatusCode.Created);

        using (var r = await nurse.PostAsJsonAsync($"{Base}/stays/{stayId}/transfer", new { bedId = c }, Tests.Infrastructure.Api.Json))
            Assert.Equal("bed-occupied", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        var moved = await nurse.PostJson($"{Base}/stays/{stayId}/transfer", new { bedId = b }, HttpStatusCode.OK);
        Assert.Equal(b, (long)moved["bedId"]!);

        // the old bed is free again
        using (var r = await Admit(nurse, org, await JinhuaElder(), a)) await r.ShouldBe(HttpStatusCode.Created);

        using (var r = await nurse.PostAsJsonAsync($"{Base}/stays/{stayId}/discharge", new { dischargedOn = Today, reason = "gone" }, Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("reason"));
        var discharged = await nurse.PostJson($"{Base}/stays/{stayId}/discharge", new { dischargedOn = Today, reason = "died" }, HttpStatusCode.OK);
        Assert.Equal("died", (string)discharged["reason"]!);
        Assert.Equal("死亡", (string)discharged["reasonName"]!);
        using (var r = await nurse.PostAsJsonAsync($"{Base}/stays/{stayId}/discharge", new { dischargedOn = Today, reason = "left" }, Tests.Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.Conflict);

        // bed b is free; the elder may be admitted again (to another institution too)
        var bedB = (await nurse.GetJson($"{Base}/{org}/beds")).AsArray().Single(x => x!.Id() == b)!;
        Assert.Null(bedB["occupant"]);
        using (var r = await Admit(nurse, org, elder, b)) await r.ShouldBe(HttpStatusCode.Created);

        var summaries = (await Timeline(elder)).AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Contains(summaries, s => s.StartsWith("转床", StringComparison.Ordinal));
        Assert.Contains(summaries, s => s.StartsWith("离院", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Occupancy_is_reported_per_bed_kind()
    {
        var org = await OrgId("王家河医养中心");
        var admin = await As("city");
        var n1 = await Bed(admin, org, "nursing");
        await Bed(admin, org, "nursing");
        await Bed(admin, org, "hospice");
        var elder = (await CreateElder(ElderBody(township: "610202005"))).Id();
        using (var r = await Admit(admin, org, elder, n1)) await r.ShouldBe(HttpStatusCode.Created);

        var occ = await admin.GetJson($"{Base}/{org}/occupancy");
        Assert.Equal(3, (int)occ["beds"]!);
        Assert.Equal(1, (int)occ["occupied"]!);
        var byKind = occ["byKind"]!.AsArray();
        var nursing = byKind.Single(k => (string)k!["kind"]! == "nursing")!;
        Assert.Equal(2, (int)nursing["beds"]!);
        Assert.Equal(1, (int)nursing["occupied"]!);
        Assert.Equal(0.5m, (decimal)nursing["rate"]!);
        var hospice = byKind.Single(k => (string)k!["kind"]! == "hospice")!;
        Assert.Equal(0, (int)hospice["occupied"]!);
        Assert.Equal(4, byKind.Count);
    }

    [DbFact]
    public async Task The_database_refuses_a_second_open_stay_in_one_bed()
    {
        var org = await JinhuaId();
        var admin = await As("city");
        var bedId = await Bed(admin, org);
        var elder = await JinhuaElder();
        var intruder = await JinhuaElder();
        using (var r = await Admit(admin, org, elder, bedId)) await r.ShouldBe(HttpStatusCode.Created);

        var refused = await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            var now = DateTimeOffset.UtcNow;
            object at = db.IsSqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)! : now;
            try
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO institutions_stay (organization_id, elder_id, bed_id, admitted_on, township_code, county_code, created_by_user, created_at, updated_at, version) " +
                    "VALUES ({0}, {1}, {2}, {3}, '610202002', '610202', 'intruder', {4}, {4}, 0)",
                    org, intruder, bedId, DateOnly.FromDateTime(DateTime.UtcNow), at);
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
    public async Task The_bed_board_page_shows_beds_with_masked_occupants()
    {
        var org = await JinhuaId();
        var nurse = await As("nurse");
        var bedId = await Bed(nurse, org, "hospice");
        var elder = await CreateElder(ElderBody(name: "司马青云", orgId: org));
        using (var r = await Admit(nurse, org, elder.Id(), bedId)) await r.ShouldBe(HttpStatusCode.Created);
        using var client = await PageClient.LoggedIn(Factory, "nurse");
        var html = await client.GetStringAsync("/Institutions");
        Assert.Contains($"data-bed=\"{bedId}\"", html);
        Assert.Contains("安宁疗护", html);
        Assert.Contains("司**", html);
        Assert.DoesNotContain("司马青云", html);
    }

    [DbFact]
    public async Task Anonymous_callers_get_401_and_others_403_or_404()
    {
        var org = await JinhuaId();
        using var anonymous = Factory.Anonymous();
        foreach (var url in new[] { $"{Base}/{org}/beds", $"{Base}/{org}/occupancy" })
        {
            using var r = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
        using (var post = await anonymous.PostAsJsonAsync($"{Base}/{org}/admissions", new { elderId = 1, bedId = 1 }, Tests.Infrastructure.Api.Json))
            Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        using (var regulator = await (await As("wjw")).PostAsJsonAsync($"{Base}/{org}/beds", new { ward = "A", room = "1", number = "1", kind = "nursing" }, Tests.Infrastructure.Api.Json))
            Assert.Equal(HttpStatusCode.Forbidden, regulator.StatusCode);

        // staff of another organization: the institution and its stays are not found
        var admin = await As("city");
        var bedId = await Bed(admin, org);
        var elder = await JinhuaElder();
        using var admitted = await Admit(admin, org, elder, bedId);
        var stayId = (await admitted.ReadJson()).Id();
        var hb = await As("hbdoctor");
        using (var r = await hb.GetAsync($"{Base}/{org}/beds")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await hb.PostAsJsonAsync($"{Base}/stays/{stayId}/discharge", new { reason = "left" }, Tests.Infrastructure.Api.Json))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        // a medical organization is not an institution with beds
        using (var r = await hb.GetAsync($"{Base}/{await HuangbaoId()}/beds")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        // an elder the staff cannot see is not found
        var hidden = (await CreateElder(ElderBody(township: OtherDistrictTownship))).Id();
        var otherBed = await Bed(admin, org);
        using (var r = await Admit(await As("doctor"), org, hidden, otherBed)) await r.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Staff_of_a_care_home_see_their_residents_registered_elsewhere_until_discharge()
    {
        // an elder of 金华's area, admitted by the platform admin to 王益区社会福利院 (the demo caregiver's care home)
        var welfare = await WelfareId();
        var elder = await JinhuaElder();
        var caregiver = await As("caregiver");
        using (var r = await caregiver.GetAsync($"/api/elders/{elder}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
        var admin = await As("city");
        var bed = await Bed(admin, welfare);
        using var admitted = await Admit(admin, welfare, elder, bed);
        var stayId = (await admitted.ReadJson()).Id();

        // a resident: readable and writable (a fall recorded by the care home) by the care home's staff
        Assert.Equal(elder, (await caregiver.GetJson($"/api/elders/{elder}")).Id());
        await caregiver.PostJson($"/api/elders/{elder}/falls", new { occurredAt = DateTimeOffset.UtcNow.AddHours(-1).ToOffset(TimeSpan.FromHours(8)), place = "institution", injury = "none", hospitalVisit = false, stayId },
            HttpStatusCode.Created);
        // still invisible to staff of an unrelated organization
        using (var r = await (await As("hbdoctor")).GetAsync($"/api/elders/{elder}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);

        await admin.PostJson($"{Base}/stays/{stayId}/discharge", new { dischargedOn = Today, reason = "left" }, HttpStatusCode.OK);
        using (var r = await caregiver.GetAsync($"/api/elders/{elder}")) await r.ShouldBeProblem(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InstitutionApiTestsSqlite(SqliteAppFixture f) : InstitutionApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class InstitutionApiTestsPostgres(PostgresAppFixture f) : InstitutionApiTests(f), IPostgresTests;
