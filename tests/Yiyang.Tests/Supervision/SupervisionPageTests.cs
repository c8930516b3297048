using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Supervision;

public abstract class SupervisionPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task A_regulator_makes_a_plan_and_draws_it_on_the_pages()
    {
        using var wjw = await PageClient.LoggedIn(Factory, "wjw");
        var home = await wjw.GetStringAsync("/");
        Assert.Contains("href=\"/Supervision/Plans\"", home);
        var list = new HtmlParser().ParseDocument(await wjw.GetStringAsync("/Supervision/Plans"));
        Assert.NotNull(list.QuerySelector("#plans tr[data-plan]")); // the demo plan
        Assert.Empty(list.QuerySelectorAll("main script, main [style]"));

        using (var bad = await wjw.PostForm("/Supervision/Plans", "/Supervision/Plans?handler=Create",
                   new() { ["Name"] = "", ["Year"] = "2026", ["RatioPercent"] = "3", ["RegionCode"] = "610202", ["InspectorsPerEntity"] = "2" }))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.NotNull(doc.GetElementById("name-error"));
            Assert.NotNull(doc.GetElementById("organizationKinds-error"));
        }
        var name = TestData.Name("页面抽查");
        using var created = await wjw.PostForm("/Supervision/Plans", "/Supervision/Plans?handler=Create", new()
        {
            ["Name"] = name,
            ["Year"] = DateTime.UtcNow.AddHours(8).Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RatioPercent"] = "20",
            ["RegionCode"] = "610202",
            ["InspectorsPerEntity"] = "2",
            ["Kinds"] = "medical",
            ["JointBureaus"] = "civil-affairs",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        using (var drawn = await wjw.PostForm(url, url + "?handler=Draw", new() { ["Seed"] = "page-seed" }))
            Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);
        var plan = new HtmlParser().ParseDocument(await wjw.GetStringAsync(url));
        Assert.Equal("page-seed", plan.GetElementById("seed")!.TextContent);
        Assert.NotEmpty(plan.QuerySelectorAll("#assignments tbody tr"));
        Assert.NotNull(plan.GetElementById("reason")); // a redraw asks for a reason

        using var mzj = await PageClient.LoggedIn(Factory, "mzj");
        var joint = new HtmlParser().ParseDocument(await mzj.GetStringAsync(url));
        Assert.Null(joint.GetElementById("draw-form"));
        Assert.NotNull(joint.GetElementById("lead-draws"));
        using var ybj = await PageClient.LoggedIn(Factory, "ybj");
        using (var other = await ybj.GetAsync(url))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [DbFact]
    public async Task A_regulator_records_a_certificate_and_a_conflict_on_the_inspector_page()
    {
        var name = "jd" + Guid.NewGuid().ToString("N")[..10];
        var id = (await (await As("security")).PostJson("/api/users", new
        {
            userName = name,
            displayName = "页面监督员",
            password = AppFactory.DemoPassword,
            role = "inspector",
            bureau = "health",
            regionCode = "610202",
        }, HttpStatusCode.Created)).Id();
        using var wjw = await PageClient.LoggedIn(Factory, "wjw");
        var list = new HtmlParser().ParseDocument(await wjw.GetStringAsync("/Supervision/Inspectors"));
        Assert.Contains("未登记", list.QuerySelector($"#inspectors tr[data-inspector='{id}']")!.TextContent);
        var url = $"/Supervision/Inspectors?id={id}";
        using (var bad = await wjw.PostForm(url, "/Supervision/Inspectors?handler=Certificate",
                   new() { ["Id"] = id.ToString(), ["CertificateNo"] = "", ["ValidFrom"] = "2026-01-01", ["ValidUntil"] = "2030-12-31" }))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.NotNull(doc.GetElementById("certificateNo-error"));
        }
        var number = "P" + Random.Shared.Next(100000, 999999);
        using (var ok = await wjw.PostForm(url, "/Supervision/Inspectors?handler=Certificate",
                   new() { ["Id"] = id.ToString(), ["CertificateNo"] = number, ["ValidFrom"] = "2026-01-01", ["ValidUntil"] = "2030-12-31" }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var jinhua = await JinhuaId();
        using (var c = await wjw.PostForm(url, "/Supervision/Inspectors?handler=Conflict",
                   new() { ["Id"] = id.ToString(), ["OrganizationId"] = jinhua.ToString(), ["Reason"] = "曾在该机构任职" }))
            Assert.Equal(HttpStatusCode.Redirect, c.StatusCode);
        var detail = new HtmlParser().ParseDocument(await wjw.GetStringAsync(url));
        Assert.Contains(number, detail.QuerySelector($"#inspectors tr[data-inspector='{id}']")!.TextContent);
        Assert.Contains("曾在该机构任职", detail.GetElementById("conflicts")!.TextContent);
        Assert.Empty(detail.QuerySelectorAll("main script, main [style]"));

        using var mzj = await PageClient.LoggedIn(Factory, "mzj");
        using (var other = await mzj.GetAsync(url))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode); // another bureau's inspector
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SupervisionPageTestsSqlite(SqliteAppFixture f) : SupervisionPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class SupervisionPageTestsPostgres(PostgresAppFixture f) : SupervisionPageTests(f), IPostgresTests;
