using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.FamilyDoctor;

public abstract class FamilyDoctorPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private Task<HttpClient> LoggedIn(string user) => PageClient.LoggedIn(Factory, user);

    private static Task<HttpResponseMessage> Post(HttpClient client, string pageUrl, string postUrl, Dictionary<string, string> form) =>
        client.PostForm(pageUrl, postUrl, form);

    [DbFact]
    public async Task A_nurse_signs_an_elder_on_the_form_sees_the_errors_beside_the_fields_then_terminates_on_the_details_page()
    {
        var api = await As("nurse");
        var team = await api.PostJson("/api/family-doctor/teams", new
        {
            name = TestData.Name("团队"),
            members = new[] { new { name = "李建华", role = "全科医生", isLeader = true } },
        }, HttpStatusCode.Created);
        var package = await api.PostJson("/api/family-doctor/packages", new
        {
            name = TestData.Name("服务包"),
            annualFee = 0m,
            items = new[] { new { serviceCode = "BP01", serviceName = "血压测量", quantity = 4 } },
        }, HttpStatusCode.Created);
        var elder = await CreateElder(ElderBody(orgId: await JinhuaId()));

        using var client = await LoggedIn("nurse");
        var url = $"/FamilyDoctor/Sign?elderId={elder.Id()}";
        using (var bad = await Post(client, url, url, new() { ["ElderId"] = elder.Id().ToString(), ["ElderConfirmed"] = "true", ["SignedBy"] = "proxy" }))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            foreach (var f in new[] { "teamId", "packageId", "proxyName", "proxyRelation" })
            {
                Assert.Equal("true", doc.GetElementById(f)!.GetAttribute("aria-invalid"));
                Assert.NotNull(doc.GetElementById(f + "-error"));
            }
            Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        }
        using var ok = await Post(client, url, url, new()
        {
            ["ElderId"] = elder.Id().ToString(),
            ["ElderConfirmed"] = "true",
            ["TeamId"] = team.Id().ToString(),
            ["PackageId"] = package.Id().ToString(),
            ["TermYears"] = "1",
            ["SignedBy"] = "self",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var details = ok.Headers.Location!.OriginalString;
        var detailsDoc = new HtmlParser().ParseDocument(await client.GetStringAsync(details));
        Assert.Equal("生效", detailsDoc.GetElementById("contract-status")!.TextContent.Trim());

        using (var noReason = await Post(client, details, details + "?handler=Terminate", new() { ["Version"] = "0", ["Reason"] = "" }))
        {
            var doc = new HtmlParser().ParseDocument(await noReason.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("reason")!.GetAttribute("aria-invalid"));
            Assert.NotNull(doc.GetElementById("terminate-reason-error"));
        }
        using var ended = await Post(client, details, details + "?handler=Terminate", new() { ["Version"] = "0", ["Reason"] = "迁出本区" });
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var after = new HtmlParser().ParseDocument(await client.GetStringAsync(details));
        Assert.Equal("解约", after.GetElementById("contract-status")!.TextContent.Trim());
    }

    [DbFact]
    public async Task The_list_and_the_coverage_table_render_for_a_regulator()
    {
        using var client = await LoggedIn("wjw");
        var list = new HtmlParser().ParseDocument(await client.GetStringAsync("/FamilyDoctor"));
        Assert.NotNull(list.GetElementById("contracts"));
        Assert.Null(list.QuerySelector("a[href='/FamilyDoctor/Sign']"));
        var coverage = new HtmlParser().ParseDocument(await client.GetStringAsync("/FamilyDoctor/Coverage"));
        var rows = coverage.QuerySelectorAll("#coverage tbody tr");
        Assert.True(rows.Length > 1);
        Assert.Equal("合计", rows.Last().QuerySelector("th")!.TextContent.Trim());
        var teams = new HtmlParser().ParseDocument(await client.GetStringAsync("/FamilyDoctor/Teams"));
        Assert.NotNull(teams.GetElementById("teams-h"));
        Assert.NotNull(teams.GetElementById("packages-h"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FamilyDoctorPageTestsSqlite(SqliteAppFixture f) : FamilyDoctorPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class FamilyDoctorPageTestsPostgres(PostgresAppFixture f) : FamilyDoctorPageTests(f), IPostgresTests;
