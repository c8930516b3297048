using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Institutions;

public abstract class InstitutionCareApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/institutions";

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static async Task<long> Bed(HttpClient client, long orgId, string kind = "nursing") =>
        (await client.PostJson($"{Base}/{orgId}/beds", new { ward = "W" + Guid.NewGuid().ToString("N")[..8], room = "101", number = "1", kind },
            HttpStatusCode.Created)).Id();

    /// <summary>Admits an elder ten days ago; returns the stay id.</summary>
    private static async Task<long> Admit(HttpClient client, long orgId, long elderId, long bedId) =>
        (await client.PostJson($"{Base}/{orgId}/admissions", new { elderId, bedId, admittedOn = D(TestData.ChinaToday.AddDays(-10)) }, HttpStatusCode.Created)).Id();

    private static Task<HttpResponseMessage> Leave(HttpClient client, long stayId, object body) =>
        client.PostAsJsonAsync($"{Base}/stays/{stayId}/leaves", body, Tests.Infrastructure.Api.Json);

    [DbFact]
    public async Task A_leave_holds_the_bed_shows_on_the_board_and_ends_with_the_return()
    {
        var org = await JinhuaId();
        var nurse = await As("nurse");
        var bedId = await Bed(nurse, org);
        var elder = await JinhuaElder();
        var stayId = await Admit(nurse, org, elder, bedId);

        using (var r = await Leave(nurse, stayId, new { kind = "hospitalised", startOn = D(TestData.ChinaToday.AddDays(-3)), expectedReturnOn = D(TestData.ChinaToday.AddDays(4)), note = "肺炎住院" }))
        {
            await r.ShouldBe(HttpStatusCode.Created);
            var leave = await r.ReadJson();
            Assert.Equal("hospitalised", (string)leave["kind"]!);
            Assert.Equal("住院", (string)leave["kindName"]!);
            Assert.Null((string?)leave["returnedOn"]);
            Assert.False((bool)leave["overdue"]!);
        }

        // the bed stays held: the board shows the resident on leave, nobody else can be admitted, a second leave is refused
        var bed = (await nurse.GetJson($"{Base}/{org}/beds")).AsArray().Single(b => b!.Id() == bedId)!;
        Assert.Equal(stayId, (long)bed["occupant"]!["stayId"]!);
        Assert.Equal("hospitalised", (string)bed["occupant"]!["leave"]!["kind"]!);
        Assert.Equal(D(TestData.ChinaToday.AddDays(4)), (string)bed["occupant"]!["leave"]!["expectedReturnOn"]!);
        using (var r = await nurse.PostAsJsonAsync($"{Base}/{org}/admissions", new { elderId = await JinhuaElder(), bedId }, Tests.Infrastructure.Api.Json))
            Assert.Equal("bed-occupied", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        using (var r = await Leave(nurse, stayId, new { kind = "personal", expectedReturnOn = D(TestData.ChinaToday.AddDays(1)) }))
            Assert.Equal("leave-open", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        using (var r = await nurse.PostAsJsonAsync($"{Base}/stays/{stayId}/discharge", new { reason = "left" }, Tests.Infrastructure.Api.Json))
            Assert.Equal("on-leave", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        var back = await nurse.PostJson($"{Base}/stays/{stayId}/leaves/return", new { returnedOn = D(TestData.ChinaToday) }, HttpStatusCode.OK);
        Assert.Equal(D(TestData.ChinaToday), (string)back["returnedOn"]!);
        using (var r = await nurse.PostAsJsonAsync($"{Base}/stays/{stayId}/leaves/return", new { }, Tests.Infrastructure.Api.Json))
            Assert.Equal("no-open-leave", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        bed = (await nurse.GetJson($"{Base}/{org}/beds")).AsArray().Single(b => b!.Id() == bedId)!;
        Assert.Null(bed["occupant"]!["leave"]);

        // a new leave may start after the return; the list is newest first
        using (var r = await Leave(nurse, stayId, new { kind = "请假", expectedReturnOn = D(TestData.ChinaToday.AddDays(2)) })) await r.ShouldBe(HttpStatusCode.Created);
        var leaves = (await nurse.GetJson($"{Base}/stays/{stayId}/leaves")).AsArray();
        Assert.Equal(["personal", "hospitalised"], leaves.Select(l => (string)l!["kind"]!));

        var summaries = (await (await As("city")).GetJson($"/api/elders/{elder}/timeline")).AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Contains(summaries, s => s.StartsWith("外出（住院）", StringComparison.Ordinal) && s.Contains("床位保留"));
        Assert.Contains("外出返回（住院）：" + D(TestData.ChinaToday) + "，外出 3 天", summaries);
    }

    [DbFact]
    public async Task Bad_leave_input_is_refused_and_changes_nothing()
    {
        var org = await JinhuaId();
        var nurse = await As("nurse");
        var stayId = await Admit(nurse, org, await JinhuaElder(), await Bed(nurse, org));
        using (var r = await Leave(nurse, stayId, new { kind = "holiday" }))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Contains("外出类型", p.FieldErrors("kind").Single());
            Assert.NotEmpty(p.FieldErrors("expectedReturnOn"));
        }
        using (var r = await Leave(nurse, stayId, new { kind = "personal", startOn = D(TestData.ChinaToday.AddDays(-11)), expectedReturnOn = D(TestData.ChinaToday) }))
            Assert.Contains("入住日期", (await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("startOn").Single());
        using (var r = await Leave(nurse, stayId, new { kind = "personal", startOn = D(TestData.ChinaToday), expectedReturnOn = D(TestData.ChinaToday.AddDays(-1)) }))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("expectedReturnOn"));
        Assert.Empty((await nurse.GetJson($"{Base}/stays/{stayId}/leaves")).AsArray());

        // staff of another organization do not see the stay
        using (var r = await Leave(await As("hbdoctor"), stayId, new { kind = "personal", expectedReturnOn = D(TestData.ChinaToday) }))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await (await As("hbdoctor")).GetAsync($"{Base}/stays/{stayId}/leaves"))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task Concurrent_leaves_of_one_stay_open_exactly_one()
    {
        var org = await JinhuaId();
        var admin = await As("city");
        var stayId = await Admit(admin, org, await JinhuaElder(), await Bed(admin, org));
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Leave(admin, stayId, new { kind = "personal", expectedReturnOn = D(TestData.ChinaToday.AddDays(1)) })));
        foreach (var r in responses)
            using (r)
                Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single((await admin.GetJson($"{Base}/stays/{stayId}/leaves")).AsArray());
    }

    [DbFact]
    public async Task The_database_refuses_a_second_open_leave_of_a_stay()
    {
        var org = await JinhuaId();
        var admin = await As("city");
        var elder = await JinhuaElder();
        var stayId = await Admit(admin, org, elder, await Bed(admin, org));
        using (var r = await Leave(admin, stayId, new { kind = "personal", expectedReturnOn = D(TestData.ChinaToday.AddDays(1)) })) await r.ShouldBe(HttpStatusCode.Created);

        async Task<bool> Refused(string sql, params object[] args) => await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            try
            {
                await db.Database.ExecuteSqlRawAsync(sql, args);
                return false;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                return true;
            }
        });
        var now = DateTimeOffset.UtcNow;
        var isSqlite = await Factory.WithScope(sp => Task.FromResult(sp.GetRequiredService<YiyangDb>().IsSqlite));
        object at = isSqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)! : now;
        const string insert = "INSERT INTO institutions_leave (stay_id, elder_id, organization_id, kind, start_on, expected_return_on, returned_on, created_by_user, created_at, updated_at, version) " +
                              "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, 'raw', {7}, {7}, 0)";
        // a second open leave
        Assert.True(await Refused(insert.Replace("{6}", "NULL", StringComparison.Ordinal), stayId, elder, org, 1, TestData.ChinaToday, TestData.ChinaToday.AddDays(1), 0, at));
        // a closed one is fine, but not with an unknown kind or returning before it started
        Assert.False(await Refused(insert, stayId, elder, org, 2, TestData.ChinaToday.AddDays(-5), TestData.ChinaToday.AddDays(-4), TestData.ChinaToday.AddDays(-4), at));
        Assert.True(await Refused(insert, stayId, elder, org, 3, TestData.ChinaToday.AddDays(-5), TestData.ChinaToday.AddDays(-4), TestData.ChinaToday.AddDays(-4), at));
        Assert.True(await Refused(insert, stayId, elder, org, 1, TestData.ChinaToday.AddDays(-5), TestData.ChinaToday.AddDays(-4), TestData.ChinaToday.AddDays(-6), at));
    }

    [DbFact]
    public async Task The_bed_board_page_shows_residents_on_leave()
    {
        var org = await JinhuaId();
        var nurse = await As("nurse");
        var bedId = await Bed(nurse, org);
        var stayId = await Admit(nurse, org, await JinhuaElder(), bedId);
        using (var r = await Leave(nurse, stayId, new { kind = "personal", startOn = D(TestData.ChinaToday.AddDays(-2)), expectedReturnOn = D(TestData.ChinaToday.AddDays(-1)) }))
            await r.ShouldBe(HttpStatusCode.Created);
        using var client = await PageClient.LoggedIn(Factory, "nurse");
        var html = await client.GetStringAsync("/Institutions");
        var row = html[html.IndexOf($"data-bed=\"{bedId}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("data-leave=\"personal\"", row);
        Assert.Contains($"外出·请假（预计 {D(TestData.ChinaToday.AddDays(-1))} 返回，已逾期，床位保留）", row);
    }

    [DbFact]
    public async Task Admission_records_a_listed_care_level_and_a_contract_shown_on_the_board()
    {
        var org = await JinhuaId();
        var nurse = await As("nurse");
        var bedId = await Bed(nurse, org);
        var elder = await JinhuaElder();
        var start = TestData.ChinaToday.AddDays(-1);
        var end = TestData.ChinaToday.AddYears(1);
        using (var r = await nurse.PostAsJsonAsync($"{Base}/{org}/admissions",
                   new { elderId = elder, bedId, careLevel = "九级", contractNumber = "HT-2026-001", contractStartOn = D(start) }, Tests.Infrastructure.Api.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Contains("三级照护（重度）", p.FieldErrors("careLevel").Single());
            Assert.NotEmpty(p.FieldErrors("contractEndOn"));
        }
        Assert.Null((await nurse.GetJson($"{Base}/{org}/beds")).AsArray().Single(b => b!.Id() == bedId)!["occupant"]);

        var stay = await nurse.PostJson($"{Base}/{org}/admissions",
            new { elderId = elder, bedId, careLevel = "三级", contractNumber = " HT-2026-001 ", contractStartOn = D(start), contractEndOn = D(end) }, HttpStatusCode.Created);
        Assert.Equal("三级照护（重度）", (string)stay["careLevel"]!);
        Assert.Equal("HT-2026-001", (string)stay["contractNumber"]!);
        Assert.Equal(D(start), (string)stay["contractStartOn"]!);
        Assert.Equal(D(end), (string)stay["contractEndOn"]!);
        var occupant = (await nurse.GetJson($"{Base}/{org}/beds")).AsArray().Single(b => b!.Id() == bedId)!["occupant"]!;
        Assert.Equal("三级照护（重度）", (string)occupant["careLevel"]!);
        Assert.Equal("HT-2026-001", (string)occupant["contractNumber"]!);

        using var client = await PageClient.LoggedIn(Factory, "nurse");
        var html = await client.GetStringAsync("/Institutions");
        var row = html[html.IndexOf($"data-bed=\"{bedId}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("三级照护（重度）", row);
        Assert.Contains($"合同 HT-2026-001（至 {D(end)}）", row);

        // the database refuses a contract ending before it starts, or a number without dates
        var refused = await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            var count = 0;
            foreach (var sql in new[]
                     {
                         "UPDATE institutions_stay SET contract_end_on = {0} WHERE id = {1}",
                         "UPDATE institutions_stay SET contract_start_on = NULL, contract_end_on = NULL WHERE id = {1}",
                     })
            {
                try
                {
                    await db.Database.ExecuteSqlRawAsync(sql, start.AddDays(-1), stay.Id());
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
                {
                    count++;
                }
            }
            return count;
        });
        Assert.Equal(2, refused);
    }

    private static JsonNode Line(JsonNode occ, string list, string kind) => occ[list]!.AsArray().Single(l => (string)l!["kind"]! == kind)!;

    [DbFact]
    public async Task A_bed_conversion_is_decided_by_the_right_bureau_and_reported_as_actual_use()
    {
        var org = await JinhuaId();
        var nurse = await As("nurse");
        var before = await nurse.GetJson($"{Base}/{org}/occupancy");
        var bedId = await Bed(nurse, org, "elder-care");
        using (var r = await nurse.PostAsJsonAsync($"{Base}/beds/{bedId}/conversions", new { toUse = "hospice", reason = "x" }, Tests.Infrastructure.Api.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("toUse"));
            Assert.NotEmpty(p.FieldErrors("reason"));
        }
        var c = await nurse.PostJson($"{Base}/beds/{bedId}/conversions", new { toUse = "medical", reason = "医务室扩充床位" }, HttpStatusCode.Created);
        Assert.Equal("pending", (string)c["status"]!);
        Assert.Equal("health", (string)c["bureau"]!);
        Assert.Equal("elder-care", (string)c["fromUse"]!);
        using (var r = await nurse.PostAsJsonAsync($"{Base}/beds/{bedId}/conversions", new { toUse = "medical", reason = "再次申请" }, Tests.Infrastructure.Api.Json))
            Assert.Equal("conversion-pending", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        // the civil-affairs bureau may not decide a conversion to medical use; staff may not decide at all
        using (var r = await (await As("mzj")).PostAsJsonAsync($"/api/institutions/conversions/{c.Id()}/approve", new { }, Tests.Infrastructure.Api.Json))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await nurse.PostAsJsonAsync($"/api/institutions/conversions/{c.Id()}/approve", new { }, Tests.Infrastructure.Api.Json))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var wjw = await As("wjw");
        Assert.Contains((await wjw.GetJson("/api/institutions/conversions")).AsArray(), x => x!.Id() == c.Id() && (string)x!["status"]! == "pending");
        var approved = await wjw.PostJson($"/api/institutions/conversions/{c.Id()}/approve", new { note = "同意" }, HttpStatusCode.OK);
        Assert.Equal("approved", (string)approved["status"]!);
        using (var r = await wjw.PostAsJsonAsync($"/api/institutions/conversions/{c.Id()}/approve", new { }, Tests.Infrastructure.Api.Json))
            Assert.Equal("conversion-decided", (string)(await r.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        // licensed kind stays elder-care, actual use is medical
        var after = await nurse.GetJson($"{Base}/{org}/occupancy");
        Assert.Equal((int)Line(before, "byKind", "elder-care")["beds"]! + 1, (int)Line(after, "byKind", "elder-care")["beds"]!);
        Assert.Equal((int)Line(before, "byKind", "medical")["beds"]!, (int)Line(after, "byKind", "medical")["beds"]!);
        Assert.Equal((int)Line(before, "byUse", "medical")["beds"]! + 1, (int)Line(after, "byUse", "medical")["beds"]!);
        Assert.Equal((int)Line(before, "byUse", "elder-care")["beds"]!, (int)Line(after, "byUse", "elder-care")["beds"]!);

        // back to elder-care use: the civil-affairs bureau decides; a rejection needs a reason
        var back = await nurse.PostJson($"{Base}/beds/{bedId}/conversions", new { toUse = "elder-care", reason = "恢复养老用途" }, HttpStatusCode.Created);
        Assert.Equal("civil-affairs", (string)back["bureau"]!);
        Assert.Equal("medical", (string)back["fromUse"]!);
        using (var r = await wjw.PostAsJsonAsync($"/api/institutions/conversions/{back.Id()}/reject", new { note = "不同意" }, Tests.Infrastructure.Api.Json))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var mzj = await As("mzj");
        using (var r = await mzj.PostAsJsonAsync($"/api/institutions/conversions/{back.Id()}/reject", new { }, Tests.Infrastructure.Api.Json))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("note"));
        var rejected = await mzj.PostJson($"/api/institutions/conversions/{back.Id()}/reject", new { note = "养老床位已足" }, HttpStatusCode.OK);
        Assert.Equal("rejected", (string)rejected["status"]!);
        var final = await nurse.GetJson($"{Base}/{org}/occupancy");
        Assert.Equal((int)Line(after, "byUse", "medical")["beds"]!, (int)Line(final, "byUse", "medical")["beds"]!);

        // the database refuses a second pending request for one bed
        var pending = await nurse.PostJson($"{Base}/beds/{bedId}/conversions", new { toUse = "elder-care", reason = "再次申请恢复" }, HttpStatusCode.Created);
        Assert.Equal("pending", (string)pending["status"]!);
        var refused = await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            object at = db.IsSqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)! : DateTimeOffset.UtcNow;
            try
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO institutions_bed_conversion (bed_id, organization_id, township_code, county_code, from_use, to_use, reason, status, requested_by, requested_at, version) " +
                    "VALUES ({0}, {1}, '610202002', '610202', 3, 1, 'raw', 1, 'raw', {2}, 0)", bedId, org, at);
                return false;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                return true;
            }
        });
        Assert.True(refused);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InstitutionCareApiTestsSqlite(SqliteAppFixture f) : InstitutionCareApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class InstitutionCareApiTestsPostgres(PostgresAppFixture f) : InstitutionCareApiTests(f), IPostgresTests;
