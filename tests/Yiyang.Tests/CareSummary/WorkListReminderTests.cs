using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.CareSummary;

/// <summary>Reassessment and yearly-check reminders on the home-care work list, and the /Assessments/Due page.</summary>
public abstract class WorkListReminderTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static int Year => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;

    private async Task<long> NewCentre() =>
        (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = TestData.Name("卫生服务中心"),
            ["kind"] = "medical",
            ["medicalType"] = "社区卫生服务中心",
            ["level"] = "一级",
            ["creditCode"] = TestData.CreditCode("12"),
            ["medicalLicenceNo"] = "PDY" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = Township,
        }, HttpStatusCode.Created)).Id();

    private async Task<long> Elder(long org, DateOnly birth, params string[] flags)
    {
        var body = ElderBody(id: TestData.IdNumberBornOn(birth, male: true), flags: flags, orgId: org);
        return (await CreateElder(body)).Id();
    }

    [DbFact]
    public async Task The_work_list_names_reassessments_due_and_65_plus_elders_without_this_years_check()
    {
        var org = await NewCentre();
        var disabled = await Elder(org, new DateOnly(1950, 3, 1), "disabled");        // 76: never assessed while 失能 + no check
        var plain = await Elder(org, new DateOnly(1955, 6, 1));                       // 71: no check
        var turns65 = await Elder(org, new DateOnly(Year - 65, 12, 31));               // turns 65 on 31 December: counts this year
        var turns65Next = await Elder(org, new DateOnly(Year - 64, 1, 1));            // 64 all year: not yet
        var young = await Elder(org, new DateOnly(Year - 60, 5, 5), "disabled");     // 60, 失能: reassessment only

        var list = await (await As("city")).GetJson($"/api/home-visits/worklist?organizationId={org}");
        var r = list["reminders"]!;
        Assert.Equal(org, (long)r["organizationId"]!);
        Assert.Equal(Year, (int)r["year"]!);

        var due = r["reassessments"]!.AsArray();
        Assert.Equal(2, (int)r["reassessmentTotal"]!);
        Assert.Equal(new[] { disabled, young }.OrderBy(x => x), due.Select(d => (long)d!["elderId"]!).OrderBy(x => x));
        Assert.All(due, d => Assert.Equal("never-assessed", (string)d!["kind"]!));
        Assert.Contains(due, d => (string)d!["url"]! == $"/Assessments/Elder/{disabled}");

        var checks = r["yearlyChecks"]!.AsArray();
        Assert.Equal(3, (int)r["yearlyCheckTotal"]!);
        // oldest first
        Assert.Equal(new[] { disabled, plain, turns65 }, checks.Select(c => (long)c!["elderId"]!));
        Assert.Equal($"/HealthManagement/Elder/{plain}", (string)checks[1]!["url"]!);
        Assert.DoesNotContain(checks, c => (long)c!["elderId"]! == turns65Next);
        // the work list itself is unchanged
        Assert.NotNull(list["overdue"]);
        Assert.NotNull(list["visits"]);
    }

    [DbFact]
    public async Task Roles_without_assessments_or_health_management_get_no_reminder_lists()
    {
        var caregiver = await (await As("caregiver")).GetJson("/api/home-visits/worklist");
        // a caregiver scores assessments but does not read 基本公卫 health management
        Assert.NotNull(caregiver["reminders"]!["reassessments"]);
        Assert.Null(caregiver["reminders"]!["yearlyChecks"]);
    }

    [DbFact]
    public async Task The_home_care_page_and_the_due_page_show_the_reminders()
    {
        var jinhua = await JinhuaId();
        var oldest = await Elder(jinhua, new DateOnly(1917, 1, 2), "disabled");
        using var client = await PageClient.LoggedIn(Factory, "doctor");
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/HomeCare"));
        Assert.Equal($"/Assessments/Elder/{oldest}", page.QuerySelector($"#reassessments li[data-elder='{oldest}'] a")!.GetAttribute("href"));
        Assert.Contains("未评估（失能/失智）", page.QuerySelector($"#reassessments li[data-elder='{oldest}']")!.TextContent);
        Assert.Equal($"/HealthManagement/Elder/{oldest}", page.QuerySelector($"#yearly-checks li[data-elder='{oldest}'] a")!.GetAttribute("href"));
        Assert.Contains($"{Year} 年未做健康体检", page.GetElementById("checks-h")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script, main [style]"));

        var due = new HtmlParser().ParseDocument(await client.GetStringAsync("/Assessments/Due"));
        Assert.NotNull(due.QuerySelector($"#due-list tr[data-elder='{oldest}']"));
        Assert.Contains("从未评估", due.QuerySelector($"#due-list tr[data-elder='{oldest}']")!.TextContent);

        var wrong = new HtmlParser().ParseDocument(await client.GetStringAsync("/Assessments/Due?Before=2026-13-45&RegionCode=999999999"));
        Assert.Equal("true", wrong.GetElementById("before")!.GetAttribute("aria-invalid"));
        Assert.Contains("年-月-日", wrong.GetElementById("before-error")!.TextContent);
        Assert.Null(wrong.GetElementById("due-list"));
        var badRegion = new HtmlParser().ParseDocument(await client.GetStringAsync("/Assessments/Due?RegionCode=999999999"));
        Assert.Equal("true", badRegion.GetElementById("regionCode")!.GetAttribute("aria-invalid"));
        Assert.Contains("行政区划", badRegion.GetElementById("regionCode-error")!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WorkListReminderTestsSqlite(SqliteAppFixture f) : WorkListReminderTests(f);

[Collection(PostgresCollection.Name)]
public sealed class WorkListReminderTestsPostgres(PostgresAppFixture f) : WorkListReminderTests(f), IPostgresTests;
