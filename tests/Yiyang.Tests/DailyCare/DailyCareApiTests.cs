using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.DailyCare;

/// <summary>
/// Daily care records in the demo care home 王益区社会福利院 (caregiver 赵护理员 works there; the district hospital is its
/// partner by the demo agreement and reads its residents, never writes).
/// </summary>
public abstract class DailyCareApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/daily-care";
    private const string Welfare = "王益区社会福利院";

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd");

    private sealed record Resident(long OrgId, long StayId, long ElderId, long Daily, long Turn, long Elsewhere);

    /// <summary>GB/T 42195 answers giving 2 级.</summary>
    private static Dictionary<string, int> Level2Items()
    {
        var items = new Dictionary<string, int>();
        for (var i = 1; i <= 8; i++) items[$"B1.{i}"] = 2;
        for (var i = 1; i <= 4; i++) items[$"B2.{i}"] = 2;
        for (var i = 1; i <= 9; i++) items[$"B3.{i}"] = 1;
        for (var i = 1; i <= 5; i++) items[$"B4.{i}"] = 2;
        return items;
    }

    /// <summary>
    /// A resident of the care home admitted ten days ago with a confirmed care plan whose items started a week ago: 生活照料
    /// daily and 翻身拍背 twice daily by the care home, and 康复训练 daily by another organization (not on the checklist).
    /// </summary>
    private async Task<Resident> NewResident()
    {
        var admin = await As("city");
        var org = await OrgId(Welfare);
        var jinhua = await JinhuaId();
        var elder = (await CreateElder(ElderBody(orgId: org))).Id();
        var bed = (await admin.PostJson($"/api/institutions/{org}/beds",
            new { ward = "D" + Guid.NewGuid().ToString("N")[..8], room = "101", number = "1", kind = "nursing" }, HttpStatusCode.Created)).Id();
        var stay = (await admin.PostJson($"/api/institutions/{org}/admissions", new { elderId = elder, bedId = bed, admittedOn = D(TestData.ChinaToday.AddDays(-10)) },
            HttpStatusCode.Created)).Id();
        var a = await admin.PostJson("/api/assessments", new Dictionary<string, object?>
        {
            ["elderId"] = elder,
            ["instrumentCode"] = "gbt42195-2022",
            ["reason"] = "routine",
            ["assessedOn"] = D(TestData.ChinaToday.AddDays(-8)),
            ["assessors"] = new object[] { "李建华", "王丽" },
            ["items"] = Level2Items(),
        }, HttpStatusCode.Created);
        await admin.PostJson($"/api/assessments/{a.Id()}/sign", new { }, HttpStatusCode.OK);
        var start = TestData.ChinaToday.AddDays(-7);
        object Item(string code, string name, int count, long by) =>
            new { serviceCode = code, serviceName = name, frequencyCount = count, frequencyUnit = "week", responsibleOrganizationId = by, startOn = D(start), ltcCovered = false };
        var plan = await admin.PostJson("/api/care-plans", new
        {
            elderId = elder,
            goals = new[] { "维持生活自理能力" },
            startOn = D(start),
            items = new[] { Item("CARE-DAILY", "生活照料", 7, org), Item("CARE-TURN", "翻身拍背", 14, org), Item("CARE-REHAB", "康复训练", 7, jinhua) },
        }, HttpStatusCode.Created);
        var confirmed = await admin.PostJson($"/api/care-plans/{plan.Id()}/confirm", new { }, HttpStatusCode.OK);
        long ItemId(string code) => confirmed["items"]!.AsArray().Single(i => (string)i!["serviceCode"]! == code)!.Id();
        return new Resident(org, stay, elder, ItemId("CARE-DAILY"), ItemId("CARE-TURN"), ItemId("CARE-REHAB"));
    }

    private static Task<HttpResponseMessage> Post(HttpClient c, long stayId, object body) =>
        c.PostAsJsonAsync($"{Base}/stays/{stayId}/records", body, Tests.Infrastructure.Api.Json);

    private static object Entry(long item, string status, string? reason = null, int occurrence = 1, string? note = null) =>
        new { planItemId = item, occurrence, status, reason, note };

    private static async Task<JsonNode> Checklist(HttpClient c, long stayId, DateOnly? date = null) =>
        await c.GetJson($"{Base}/stays/{stayId}/checklist" + (date is { } d ? "?date=" + D(d) : ""));

    private static JsonNode ResidentRow(JsonNode list, long stayId) => list["residents"]!.AsArray().Single(r => (long)r!["stayId"]! == stayId)!;

    [DbFact]
    public async Task The_checklist_holds_the_items_due_today_and_a_batch_records_them()
    {
        var r = await NewResident();
        var caregiver = await As("caregiver");
        var list = await Checklist(caregiver, r.StayId);
        // 生活照料 once, 翻身拍背 twice; 康复训练 belongs to another organization
        Assert.Equal(["生活照料#1", "翻身拍背#1", "翻身拍背#2"],
            list["items"]!.AsArray().Select(i => $"{(string)i!["serviceName"]!}#{(int)i["occurrence"]!}"));
        Assert.Equal("每日 2 次", (string)list["items"]![1]!["frequency"]!);
        Assert.Equal(3, (int)list["pending"]!);
        Assert.False((bool)list["onLeave"]!);

        var after = await caregiver.PostJson($"{Base}/stays/{r.StayId}/records", new
        {
            date = D(TestData.ChinaToday),
            records = new[] { Entry(r.Daily, "done"), Entry(r.Turn, "done"), Entry(r.Turn, "not-done", "physical", occurrence: 2) },
        }, HttpStatusCode.Created);
        Assert.Equal(3, (int)after["due"]!);
        Assert.Equal(2, (int)after["done"]!);
        Assert.Equal(1, (int)after["notDone"]!);
        Assert.Equal(0, (int)after["pending"]!);
        var second = after["items"]![2]!["record"]!;
        Assert.Equal("not-done", (string)second["status"]!);
        Assert.Equal("身体原因", (string)second["reasonName"]!);
        Assert.Equal("caregiver", (string)second["performedBy"]!);
        Assert.True((bool)second["correctable"]!);

        var board = await caregiver.GetJson($"{Base}/institutions/{r.OrgId}/checklist");
        var row = ResidentRow(board, r.StayId);
        Assert.Equal([3, 2, 1, 0], new[] { (int)row["due"]!, (int)row["done"]!, (int)row["notDone"]!, (int)row["pending"]! });
        Assert.DoesNotContain(r.ElderId.ToString(), (string)row["maskedName"]!);

        // 身体原因 reaches the timeline; the done items do not
        var summaries = (await (await As("city")).GetJson($"/api/elders/{r.ElderId}/timeline")).AsArray().Select(e => (string)e!["summary"]!).ToList();
        Assert.Contains($"照护项目未完成（身体原因）：翻身拍背，{D(TestData.ChinaToday)}", summaries);
        Assert.DoesNotContain(summaries, s => s.Contains("生活照料", StringComparison.Ordinal) && s.StartsWith("照护项目", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task A_batch_is_all_or_nothing()
    {
        var r = await NewResident();
        var caregiver = await As("caregiver");
        // the second entry lacks its reason: nothing is saved
        using (var resp = await Post(caregiver, r.StayId, new { records = new[] { Entry(r.Daily, "done"), Entry(r.Turn, "not-done") } }))
        {
            var p = await resp.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.Contains("原因", p.FieldErrors("records[1].reason").Single());
        }
        // an item of another organization is not on the checklist
        using (var resp = await Post(caregiver, r.StayId, new { records = new[] { Entry(r.Daily, "done"), Entry(r.Elsewhere, "done") } }))
            Assert.NotEmpty((await resp.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("records[1].planItemId"));
        // a third turn does not exist today
        using (var resp = await Post(caregiver, r.StayId, new { records = new[] { Entry(r.Turn, "done", occurrence: 3) } }))
            Assert.NotEmpty((await resp.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("records[0].occurrence"));
        Assert.Equal(3, (int)(await Checklist(caregiver, r.StayId))["pending"]!);

        // one recorded, then a batch with it and a new one: 409 and the new one is not kept
        using (var resp = await Post(caregiver, r.StayId, new { records = new[] { Entry(r.Daily, "done") } })) await resp.ShouldBe(HttpStatusCode.Created);
        using (var resp = await Post(caregiver, r.StayId, new { records = new[] { Entry(r.Turn, "done"), Entry(r.Daily, "done") } }))
            Assert.Equal("already-recorded", (string)(await resp.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        var list = await Checklist(caregiver, r.StayId);
        Assert.Equal(1, (int)list["done"]!);
        Assert.Equal(2, (int)list["pending"]!);

        // future dates and dates beyond the backfill window are refused
        using (var resp = await Post(caregiver, r.StayId, new { date = D(TestData.ChinaToday.AddDays(1)), records = new[] { Entry(r.Turn, "done") } }))
            Assert.NotEmpty((await resp.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("date"));
        using (var resp = await Post(caregiver, r.StayId, new { date = D(TestData.ChinaToday.AddDays(-8)), records = new[] { Entry(r.Turn, "done") } }))
            Assert.NotEmpty((await resp.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("date"));
    }

    [DbFact]
    public async Task Concurrent_records_of_one_occurrence_keep_exactly_one()
    {
        var r = await NewResident();
        var caregiver = await As("caregiver");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Post(caregiver, r.StayId, new { records = new[] { Entry(r.Daily, "done") } })));
        foreach (var resp in responses)
            using (resp)
                Assert.True(resp.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{resp.StatusCode}: {await resp.Content.ReadAsStringAsync()}");
        Assert.Single(responses, x => x.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, (int)(await Checklist(caregiver, r.StayId))["done"]!);
    }

    [DbFact]
    public async Task The_database_refuses_a_second_record_of_an_occurrence_and_a_not_done_without_reason()
    {
        var r = await NewResident();
        using (var resp = await Post(await As("caregiver"), r.StayId, new { records = new[] { Entry(r.Daily, "done") } })) await resp.ShouldBe(HttpStatusCode.Created);
        var now = DateTimeOffset.UtcNow;
        var isSqlite = await Factory.WithScope(sp => Task.FromResult(sp.GetRequiredService<YiyangDb>().IsSqlite));
        object at = isSqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)! : now;
        async Task<bool> Refused(long item, int occurrence, int status, int? reason, string? note) => await Factory.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<YiyangDb>();
            try
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO dailycare_record (stay_id, elder_id, organization_id, plan_item_id, care_on, occurrence, status, reason, note, performed_by, performed_at, " +
                    "township_code, county_code, created_at, updated_at, version) VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, 'raw', {9}, '610202002', '610202', {9}, {9}, 0)",
                    r.StayId, r.ElderId, r.OrgId, item, TestData.ChinaToday, occurrence, status, reason!, note!, at);
                return false;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                return true;
            }
        });
        Assert.True(await Refused(r.Daily, 1, 1, null, null));          // the same occurrence again
        Assert.True(await Refused(r.Turn, 1, 2, null, null));           // not done without a reason
        Assert.True(await Refused(r.Turn, 1, 2, 5, null));              // 其他 without a note
        Assert.True(await Refused(r.Turn, 1, 1, 1, null));              // done with a reason
        Assert.True(await Refused(r.Turn, 4, 1, null, null));           // occurrence out of range
        Assert.False(await Refused(r.Turn, 1, 2, 5, "家属探视"));
    }

    [DbFact]
    public async Task Residents_on_leave_show_as_out_and_need_no_records()
    {
        var r = await NewResident();
        var admin = await As("city");
        await admin.PostJson($"/api/institutions/stays/{r.StayId}/leaves", new { kind = "hospitalised", startOn = D(TestData.ChinaToday.AddDays(-1)), expectedReturnOn = D(TestData.ChinaToday.AddDays(3)) },
            HttpStatusCode.Created);
        var caregiver = await As("caregiver");
        var row = ResidentRow(await caregiver.GetJson($"{Base}/institutions/{r.OrgId}/checklist"), r.StayId);
        Assert.True((bool)row["onLeave"]!);
        Assert.Equal("住院", (string)row["leaveKindName"]!);
        Assert.Equal(0, (int)row["due"]!);
        Assert.Empty((await Checklist(caregiver, r.StayId))["items"]!.AsArray());
        using (var resp = await Post(caregiver, r.StayId, new { records = new[] { Entry(r.Daily, "done") } }))
            Assert.Equal("on-leave", (string)(await resp.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        // the day before the leave is still due
        Assert.Equal(3, (int)(await Checklist(caregiver, r.StayId, TestData.ChinaToday.AddDays(-2)))["due"]!);
    }

    [DbFact]
    public async Task Records_after_discharge_are_refused()
    {
        var r = await NewResident();
        var caregiver = await As("caregiver");
        await (await As("city")).PostJson($"/api/institutions/stays/{r.StayId}/discharge", new { dischargedOn = D(TestData.ChinaToday.AddDays(-1)), reason = "discharged" }, HttpStatusCode.OK);
        using (var resp = await Post(caregiver, r.StayId, new { records = new[] { Entry(r.Daily, "done") } }))
            Assert.Equal("stay-closed", (string)(await resp.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        Assert.DoesNotContain((await caregiver.GetJson($"{Base}/institutions/{r.OrgId}/checklist"))["residents"]!.AsArray(), x => (long)x!["stayId"]! == r.StayId);
        // the discharge day itself may still be completed
        using (var resp = await Post(caregiver, r.StayId, new { date = D(TestData.ChinaToday.AddDays(-1)), records = new[] { Entry(r.Daily, "done") } }))
            await resp.ShouldBe(HttpStatusCode.Created);
    }

    [DbFact]
    public async Task Only_the_care_homes_staff_see_and_write_the_records()
    {
        var r = await NewResident();
        // the partner hospital reads the resident by the agreement, but never writes care records nor sees the checklist
        var hosp = await As("hospdoctor");
        using (var resp = await hosp.GetAsync($"/api/elders/{r.ElderId}")) await resp.ShouldBe(HttpStatusCode.OK);
        using (var resp = await Post(hosp, r.StayId, new { records = new[] { Entry(r.Daily, "done") } })) await resp.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var resp = await hosp.GetAsync($"{Base}/stays/{r.StayId}/checklist")) await resp.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var resp = await hosp.GetAsync($"{Base}/institutions/{r.OrgId}/checklist")) await resp.ShouldBeProblem(HttpStatusCode.NotFound);
        // staff of another organization; the caregiver in another institution; regulators have no such role
        using (var resp = await Post(await As("nurse"), r.StayId, new { records = new[] { Entry(r.Daily, "done") } })) await resp.ShouldBeProblem(HttpStatusCode.NotFound);
        var caregiver = await As("caregiver");
        using (var resp = await caregiver.GetAsync($"{Base}/institutions/{await JinhuaId()}/checklist")) await resp.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var resp = await (await As("mzj")).GetAsync($"{Base}/institutions/{r.OrgId}/checklist")) await resp.ShouldBeProblem(HttpStatusCode.Forbidden);
        // completion is for the institution's manager (and the platform admin)
        using (var resp = await caregiver.GetAsync($"{Base}/institutions/{r.OrgId}/completion")) await resp.ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.Equal(3, (int)(await Checklist(caregiver, r.StayId))["pending"]!);
    }

    [DbFact]
    public async Task A_record_is_corrected_the_same_day_with_its_version()
    {
        var r = await NewResident();
        var caregiver = await As("caregiver");
        var list = await caregiver.PostJson($"{Base}/stays/{r.StayId}/records", new { records = new[] { Entry(r.Daily, "not-done", "refused") } }, HttpStatusCode.Created);
        var id = list["items"]![0]!["record"]!.Id();
        using (var resp = await caregiver.PutJson($"{Base}/records/{id}", new { status = "done" }, "W/\"5\"")) await resp.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using (var resp = await caregiver.PutJson($"{Base}/records/{id}", new { status = "not-done", reason = "other" }, "W/\"0\""))
            Assert.NotEmpty((await resp.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("note"));
        using (var resp = await caregiver.PutJson($"{Base}/records/{id}", new { status = "done" }, "W/\"0\""))
        {
            await resp.ShouldBe(HttpStatusCode.OK);
            var rec = await resp.ReadJson();
            Assert.Equal("done", (string)rec["status"]!);
            Assert.Null((string?)rec["reason"]);
            Assert.Equal(1, (int)rec["version"]!);
        }
        Assert.Equal(1, (int)(await Checklist(caregiver, r.StayId))["done"]!);
        using (var resp = await (await As("hospdoctor")).PutJson($"{Base}/records/{id}", new { status = "done" }, "W/\"1\""))
            await resp.ShouldBeProblem(HttpStatusCode.NotFound);

        // made yesterday: no longer correctable
        var isSqlite = await Factory.WithScope(sp => Task.FromResult(sp.GetRequiredService<YiyangDb>().IsSqlite));
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        object at = isSqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(yesterday)! : yesterday;
        await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Database.ExecuteSqlRawAsync("UPDATE dailycare_record SET created_at = {0} WHERE id = {1}", at, id));
        using (var resp = await caregiver.PutJson($"{Base}/records/{id}", new { status = "not-done", reason = "refused" }, "W/\"1\""))
            Assert.Equal("correction-closed", (string)(await resp.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
        Assert.False((bool)(await Checklist(caregiver, r.StayId))["items"]![0]!["record"]!["correctable"]!);
    }

    [DbFact]
    public async Task Completion_per_resident_counts_due_occurrences_of_the_month_up_to_today()
    {
        var r = await NewResident();
        var caregiver = await As("caregiver");
        using (var resp = await Post(caregiver, r.StayId, new { records = new[] { Entry(r.Daily, "done"), Entry(r.Turn, "done"), Entry(r.Turn, "not-done", "refused", 2) } }))
            await resp.ShouldBe(HttpStatusCode.Created);
        var month = new DateOnly(TestData.ChinaToday.Year, TestData.ChinaToday.Month, 1);
        var from = TestData.ChinaToday.AddDays(-7) > month ? TestData.ChinaToday.AddDays(-7) : month; // the items started a week ago
        var due = 3 * (TestData.ChinaToday.DayNumber - from.DayNumber + 1);            // three occurrences a day
        var c = await (await As("city")).GetJson($"{Base}/institutions/{r.OrgId}/completion?month={TestData.ChinaToday:yyyy-MM}");
        var row = c["residents"]!.AsArray().Single(x => (long)x!["stayId"]! == r.StayId)!;
        Assert.Equal(due, (int)row["due"]!);
        Assert.Equal(2, (int)row["done"]!);
        Assert.Equal(1, (int)row["notDone"]!);
        Assert.Equal(due - 3, (int)row["pending"]!);
        Assert.Equal(Math.Round(2m / due, 4), (decimal)row["rate"]!);
        using (var resp = await (await As("city")).GetAsync($"{Base}/institutions/{r.OrgId}/completion?month=2026-13"))
            Assert.NotEmpty((await resp.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("month"));
    }

    [DbFact]
    public async Task The_caregivers_page_records_done_and_not_done_with_the_reason_beside_the_item()
    {
        var r = await NewResident();
        using var client = await PageClient.LoggedIn(Factory, "caregiver");
        var list = new HtmlParser().ParseDocument(await client.GetStringAsync("/DailyCare"));
        var row = list.QuerySelector($"#residents li[data-stay='{r.StayId}']")!;
        Assert.Contains("已登记 0/3", row.TextContent);
        Assert.Empty(list.QuerySelectorAll("main script, main [style]"));

        var url = $"/DailyCare/Resident/{r.StayId}";
        var key = $"{r.Turn}-2";
        using (var bad = await client.PostForm(url, url + "?handler=Record",
                   new() { ["PlanItemId"] = r.Turn.ToString(), ["Occurrence"] = "2", ["Status"] = "not-done", ["Reason"] = "" }))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Contains("原因", doc.GetElementById($"reason-{key}-error")!.TextContent);
            Assert.Equal("true", doc.GetElementById($"reason-{key}")!.GetAttribute("aria-invalid"));
        }
        using (var ok = await client.PostForm(url, url + "?handler=Record", new() { ["PlanItemId"] = r.Daily.ToString(), ["Occurrence"] = "1", ["Status"] = "done" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using (var ok = await client.PostForm(url, url + "?handler=Record",
                   new() { ["PlanItemId"] = r.Turn.ToString(), ["Occurrence"] = "2", ["Status"] = "not-done", ["Reason"] = "refused" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        Assert.Contains("已完成 1，未完成 1，待办 1", page.GetElementById("progress")!.TextContent);
        Assert.Equal("not-done", page.QuerySelector($"li[data-item='{key}']")!.GetAttribute("data-status"));
        Assert.Contains("未完成：拒绝", page.QuerySelector($"li[data-item='{key}'] [data-recorded]")!.TextContent);
        // the partner hospital's doctor does not get the page
        using var hosp = await PageClient.LoggedIn(Factory, "hospdoctor");
        using (var resp = await hosp.GetAsync(url)) Assert.Equal(HttpStatusCode.NotFound, resp.StatusCode);
    }

    [DbFact]
    public async Task The_demo_care_home_has_residents_with_recorded_days_and_one_on_leave()
    {
        var org = await OrgId(Welfare);
        var caregiver = await As("caregiver");
        var board = await caregiver.GetJson($"{Base}/institutions/{org}/checklist");
        var demo = board["residents"]!.AsArray().Where(x => ((string)x!["bedLabel"]!).StartsWith("一病区 ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, demo.Count);
        Assert.Single(demo, x => (bool)x!["onLeave"]!);
        var first = (long)demo.First(x => !(bool)x!["onLeave"]!)!["stayId"]!;
        var yesterday = await Checklist(caregiver, first, TestData.ChinaToday.AddDays(-1));
        Assert.True((int)yesterday["due"]! >= 3);
        Assert.Equal(0, (int)yesterday["pending"]!);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DailyCareApiTestsSqlite(SqliteAppFixture f) : DailyCareApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class DailyCareApiTestsPostgres(PostgresAppFixture f) : DailyCareApiTests(f), IPostgresTests;
