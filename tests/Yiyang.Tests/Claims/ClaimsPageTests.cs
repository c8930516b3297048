using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Claims;

public abstract class ClaimsPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task An_institution_admin_records_coverage_sees_an_overlap_beside_the_date_and_generates_a_claim_once()
    {
        var elderId = (await CreateElder(ElderBody(orgId: await JinhuaId()))).Id();
        await Factory.SignedAssessment(elderId, "ltc-2021", 3, "重度失能一级", new DateOnly(2025, 12, 1), null); // 长护险 periods need one
        using var client = await PageClient.LoggedIn(Factory, "orgadmin");
        var url = $"/Claims/Coverage?elderId={elderId}";
        var form = new Dictionary<string, string>
        {
            ["ElderId"] = elderId.ToString(),
            ["ElderConfirmed"] = "true",
            ["PayerClass"] = "ltc-institution",
            ["StartOn"] = "2026-01-01",
            ["EndOn"] = "2026-12-31",
        };
        using (var ok = await client.PostForm(url, url, new(form))) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        form["PayerClass"] = "sickbed";
        form["StartOn"] = "2026-12-31";
        form["EndOn"] = "";
        using (var clash = await client.PostForm(url, url, new(form)))
        {
            Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
            var doc = new HtmlParser().ParseDocument(await clash.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("startOn")!.GetAttribute("aria-invalid"));
            Assert.Equal("与已有的长护险（机构）待遇期（2026-01-01 至 2026-12-31）重叠：家庭病床与长护险（机构）不能同时享受。",
                doc.GetElementById("startOn-error")!.TextContent.Trim());
            Assert.Single(doc.QuerySelectorAll("#periods tbody tr"));
            Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        }

        // two months ago: the demo data already holds 金华's claim of last month
        var month = DateTime.UtcNow.AddHours(8).AddMonths(-2).ToString("yyyy-MM");
        using (var generated = await client.PostForm("/Claims", "/Claims", new() { ["Month"] = month }))
        {
            Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);
            var page = new HtmlParser().ParseDocument(await client.GetStringAsync(generated.Headers.Location!.OriginalString));
            Assert.StartsWith("状态：草稿", page.GetElementById("claim-summary")!.TextContent.Trim());
            Assert.NotNull(page.GetElementById("export"));
        }
        using (var twice = await client.PostForm("/Claims", "/Claims", new() { ["Month"] = month }))
        {
            Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
            var doc = new HtmlParser().ParseDocument(await twice.Content.ReadAsStringAsync());
            Assert.Contains("结算单已生成", doc.GetElementById("month-error")!.TextContent);
            Assert.NotEmpty(doc.QuerySelectorAll("#claims tbody tr"));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ClaimsPageTestsSqlite(SqliteAppFixture f) : ClaimsPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ClaimsPageTestsPostgres(PostgresAppFixture f) : ClaimsPageTests(f), IPostgresTests;
