using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Supervision;

public abstract class WorkingDaysApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Base = "/api/working-days";

    [DbFact]
    public async Task The_seeded_2026_calendar_counts_across_the_Spring_Festival_and_National_Day()
    {
        var city = await As("city");
        Assert.Equal("2026-02-24", (string?)(await city.GetJson($"{Base}/add?from=2026-02-12&days=3"))["date"]);
        Assert.Equal("2026-10-12", (string?)(await city.GetJson($"{Base}/add?from=2026-09-30&days=4"))["date"]);
        Assert.Equal("2026-01-04", (string?)(await (await As("wjw")).GetJson($"{Base}/add?from=2025-12-31&days=1"))["date"]);

        var y2026 = await city.GetJson($"{Base}/calendars/2026");
        Assert.Equal(33, y2026["holidays"]!.AsArray().Count);
        Assert.Equal(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
            y2026["makeUpDays"]!.AsArray().Select(d => (string)d!["date"]!));
        Assert.Contains("2026年部分节假日安排", (string)y2026["source"]!);
        var years = (await city.GetJson($"{Base}/calendars")).AsArray().Select(c => (int)c!["year"]!).ToList();
        Assert.Contains(2025, years);
        Assert.Contains(2026, years);
    }

    [DbFact]
    public async Task A_year_without_a_calendar_is_a_Chinese_422_and_bad_arguments_a_400()
    {
        var city = await As("city");
        using (var r = await city.GetAsync($"{Base}/add?from=2026-12-30&days=5"))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
            Assert.Equal("calendar-missing", (string?)p["code"]);
            Assert.Contains("2027 年的节假日安排尚未录入", (string)p["detail"]!);
        }
        using (var r = await city.GetAsync($"{Base}/add?days=5"))
            Assert.True(JsonApi.IsChinese((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("from").Single()));
        using (var r = await city.GetAsync($"{Base}/add?from=2026-03-02&days=366"))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("days"));
        using (var r = await city.GetAsync($"{Base}/calendars/2031"))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task The_platform_admin_enters_and_corrects_a_year_with_versions_and_nobody_else_may()
    {
        const int year = 2098;
        var body = new
        {
            source = "测试通知（2097年11月1日）",
            holidays = new[] { new { date = "2098-01-01", name = "元旦" }, new { date = "2098-01-02", name = "元旦" }, new { date = "2098-01-03", name = "元旦" } },
            makeUpDays = new[] { new { date = "2098-01-04", name = "元旦" } },
        };
        using (var r = await (await As("city")).PutAsJsonAsync($"{Base}/calendars/{year}", body, JsonApi.Json))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);

        var admin = await As("admin");
        using (var bad = await admin.PutAsJsonAsync($"{Base}/calendars/{year}", new
        {
            source = "",
            holidays = new[] { new { date = "2097-12-31", name = "元旦" } },
            makeUpDays = new[] { new { date = "2098-01-06", name = "元旦" } }, // a Monday
        }, JsonApi.Json))
        {
            var p = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(p.FieldErrors("source"));
            Assert.Contains("不在 2098 年内", p.FieldErrors("holidays").Single());
            Assert.Contains("不是周六或周日", p.FieldErrors("makeUpDays").Single());
        }
        using (var r = await admin.GetAsync($"{Base}/calendars/{year}"))
            await r.ShouldBeProblem(HttpStatusCode.NotFound); // nothing written

        using (var created = await admin.PutAsJsonAsync($"{Base}/calendars/{year}", body, JsonApi.Json))
        {
            await created.ShouldBe(HttpStatusCode.Created);
            Assert.Equal("W/\"1\"", created.Headers.ETag?.ToString());
        }
        // Wed 1 – Fri 3 January off, Saturday 4 works
        var city = await As("city");
        Assert.Equal("2098-01-04", (string?)(await city.GetJson($"{Base}/add?from=2098-01-01&days=1"))["date"]);

        using (var noVersion = await admin.PutAsJsonAsync($"{Base}/calendars/{year}", body, JsonApi.Json))
            await noVersion.ShouldBeProblem(HttpStatusCode.BadRequest);
        using (var stale = await admin.PutJson($"{Base}/calendars/{year}", body, "W/\"7\""))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var corrected = new { body.source, holidays = new[] { new { date = "2098-01-01", name = "元旦" } }, makeUpDays = Array.Empty<object>() };
        using (var ok = await admin.PutJson($"{Base}/calendars/{year}", corrected, "W/\"1\""))
        {
            await ok.ShouldBe(HttpStatusCode.OK);
            Assert.Equal(2, (int)(await ok.ReadJson())["version"]!);
        }
        Assert.Equal("2098-01-02", (string?)(await city.GetJson($"{Base}/add?from=2098-01-01&days=1"))["date"]);

        var audit = (await (await As("auditor")).GetJson("/api/audit?action=supervision.calendar.update&pageSize=1"))["items"]!.AsArray().Single()!;
        Assert.Equal(year.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)audit["subjectId"]);
    }

    [DbFact]
    public async Task The_calendar_page_shows_the_years_computes_and_saves()
    {
        using var admin = await PageClient.LoggedIn(Factory, "admin");
        var page = new HtmlParser().ParseDocument(await admin.GetStringAsync("/Supervision/WorkingDays?year=2026&from=2026-02-12&days=3"));
        Assert.NotNull(page.QuerySelector("#calendars tr[data-year='2026']"));
        Assert.Contains("2026-02-24", page.GetElementById("result")!.TextContent);
        Assert.Contains("2026-02-14 春节", page.GetElementById("makeUpDays")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script, main [style]"));

        using (var bad = await admin.PostForm("/Supervision/WorkingDays?year=2097", "/Supervision/WorkingDays?handler=Save",
                   new() { ["Year"] = "2097", ["Source"] = "测试通知", ["HolidayLines"] = "2097/01/01 元旦", ["MakeUpLines"] = "" }))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Contains("第 1 行", doc.GetElementById("holidays-error")!.TextContent);
        }
        using (var ok = await admin.PostForm("/Supervision/WorkingDays?year=2097", "/Supervision/WorkingDays?handler=Save",
                   new() { ["Year"] = "2097", ["Source"] = "测试通知", ["HolidayLines"] = "2097-01-01 元旦\n2097-01-02 元旦", ["MakeUpLines"] = "" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var y = await (await As("city")).GetJson("/api/working-days/calendars/2097");
        Assert.Equal(2, y["holidays"]!.AsArray().Count);

        using var city = await PageClient.LoggedIn(Factory, "city");
        using var denied = await city.GetAsync("/Supervision/WorkingDays");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WorkingDaysApiTestsSqlite(SqliteAppFixture f) : WorkingDaysApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class WorkingDaysApiTestsPostgres(PostgresAppFixture f) : WorkingDaysApiTests(f), IPostgresTests;
