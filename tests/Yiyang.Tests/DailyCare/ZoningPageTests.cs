using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.DailyCare;

/// <summary>The infection-control zoning page: errors beside the row that caused them, nothing saved; then a saved zoning with its warning.</summary>
public abstract class ZoningPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static readonly HtmlParser Parser = new();

    [DbFact]
    public async Task An_admin_zones_an_institution_and_sees_a_medical_bed_in_a_care_area()
    {
        var admin = await As("city");
        var org = (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = TestData.Name("安康护理院"),
            ["kind"] = "elderly-care",
            ["careType"] = "护理型",
            ["creditCode"] = TestData.CreditCode("52"),
            ["careLicenceNo"] = "YL" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = Township,
            ["nursingBeds"] = 2,
        }, HttpStatusCode.Created)).Id();
        await admin.PostJson($"/api/institutions/{org}/beds", new { ward = "一区", room = "101", number = "1", kind = "medical" }, HttpStatusCode.Created);
        var url = $"/DailyCare/Zoning?orgId={org}";
        using var client = await PageClient.LoggedIn(Factory, "city");

        var page = Parser.ParseDocument(await client.GetStringAsync(url));
        Assert.Contains("未分区", page.GetElementById("separated-state")!.TextContent);
        Assert.Contains("101", page.QuerySelector("#rooms tbody")!.TextContent);

        // a row with a building but no name: the message sits beside that row's name; nothing is saved
        var bad = new Dictionary<string, string> { ["Separated"] = "true", ["Areas[0].Building"] = "A栋", ["Areas[0].Kind"] = "care" };
        using (var r = await client.PostForm(url, url, bad))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var doc = Parser.ParseDocument(await r.Content.ReadAsStringAsync());
            Assert.Contains("区域名称", doc.GetElementById("areas-0-name-error")!.TextContent);
            Assert.Equal("true", doc.GetElementById("areas-0-name")!.GetAttribute("aria-invalid"));
        }
        Assert.Empty((await admin.GetJson($"/api/daily-care/institutions/{org}/zoning"))["areas"]!.AsArray());

        var good = new Dictionary<string, string>
        {
            ["Separated"] = "true",
            ["Areas[0].Name"] = "生活区",
            ["Areas[0].Kind"] = "care",
            ["Areas[1].Name"] = "医务室",
            ["Areas[1].Kind"] = "medical",
            ["Rooms[0].Ward"] = "一区",
            ["Rooms[0].Room"] = "101",
            ["Rooms[0].Area"] = "生活区",
        };
        using (var r = await client.PostForm(url, url, good))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            var doc = Parser.ParseDocument(await client.GetStringAsync(r.Headers.Location!.OriginalString));
            Assert.Equal("已保存感染防控分区。", doc.GetElementById("message")!.TextContent.Trim());
            Assert.Contains("已分区", doc.GetElementById("separated-state")!.TextContent);
            Assert.Equal(2, doc.QuerySelectorAll("#areas tbody tr").Length);
            Assert.Contains("一区 101", doc.GetElementById("warnings")!.TextContent); // a medical bed in a 生活照护区
        }
    }

    [DbFact]
    public async Task The_manager_reads_the_month_s_completion_and_a_bad_month_is_shown_beside_the_field()
    {
        using var client = await PageClient.LoggedIn(Factory, "orgadmin");
        var doc = Parser.ParseDocument(await client.GetStringAsync("/DailyCare/Completion"));
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM");
        Assert.StartsWith(month + "：应做", doc.GetElementById("summary")!.TextContent.Trim());
        var bad = Parser.ParseDocument(await client.GetStringAsync("/DailyCare/Completion?month=2026-13"));
        Assert.Contains("月份格式", bad.GetElementById("month-error")!.TextContent);
        Assert.Null(bad.GetElementById("summary"));
        using var caregiver = await PageClient.LoggedIn(Factory, "caregiver");
        using var denied = await caregiver.GetAsync("/DailyCare/Completion");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ZoningPageTestsSqlite(SqliteAppFixture f) : ZoningPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ZoningPageTestsPostgres(PostgresAppFixture f) : ZoningPageTests(f), IPostgresTests;
