using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Elders.Falls;

public abstract class FallsPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task A_nurse_records_a_fall_and_a_missing_place_is_shown_beside_the_field()
    {
        var elderId = (await CreateElder(ElderBody(orgId: await JinhuaId()))).Id();
        using var client = await PageClient.LoggedIn(Factory, "nurse");
        var url = $"/Falls?elderId={elderId}";
        var at = DateTime.UtcNow.AddHours(8).AddHours(-2).ToString("yyyy-MM-ddTHH:mm");
        using (var bad = await client.PostForm(url, url, new() { ["ElderId"] = elderId.ToString(), ["OccurredAt"] = at, ["Injury"] = "none" }))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("place")!.GetAttribute("aria-invalid"));
            Assert.Equal("请选择跌倒地点：家中、机构、户外或其他。", doc.GetElementById("place-error")!.TextContent.Trim());
            Assert.NotNull(doc.GetElementById("no-falls"));
        }
        using (var ok = await client.PostForm(url, url, new()
        {
            ["ElderId"] = elderId.ToString(),
            ["OccurredAt"] = at,
            ["Place"] = "home",
            ["Injury"] = "severe",
            ["HospitalVisit"] = "true",
            ["Note"] = "卫生间滑倒",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            var doc = new HtmlParser().ParseDocument(await client.GetStringAsync(ok.Headers.Location!.OriginalString));
            var row = doc.QuerySelectorAll("#falls tbody tr").Single();
            Assert.Equal(new[] { at.Replace('T', ' '), "家中", "重", "是", "卫生间滑倒" }, row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
            Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FallsPageTestsSqlite(SqliteAppFixture f) : FallsPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class FallsPageTestsPostgres(PostgresAppFixture f) : FallsPageTests(f), IPostgresTests;
