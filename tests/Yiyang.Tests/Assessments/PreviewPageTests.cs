using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Assessments;

public abstract partial class PreviewPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>A browser-like client logged in through the login page (cookie + antiforgery).</summary>
    private async Task<HttpClient> LoggedIn(string user)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/Account/Login");
        using var r = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user,
            ["Password"] = AppFactory.DemoPassword,
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string url, Dictionary<string, string> form)
    {
        var page = await client.GetStringAsync(url);
        form["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    [DbFact]
    public async Task The_index_links_every_instrument()
    {
        using var client = await LoggedIn("nurse");
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync("/Assessments"));
        var links = doc.QuerySelectorAll("main a[href^='/Assessments/Preview/']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(5, links.Count);
        Assert.Contains("/Assessments/Preview/gbt42195-2022", links);
    }

    [DbFact]
    public async Task The_form_is_rendered_from_the_definition_as_labelled_radio_groups()
    {
        using var client = await LoggedIn("nurse");
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync("/Assessments/Preview/gbt42195-2022"));
        var groups = doc.QuerySelectorAll("fieldset[role=radiogroup]");
        Assert.Equal(26, groups.Length);
        Assert.All(groups, g => Assert.NotNull(g.QuerySelector("legend")));
        Assert.All(groups, g => Assert.NotEqual("", g.GetAttribute("aria-describedby")));
        var stairs = doc.QuerySelectorAll("input[name='items.B2.4']");
        Assert.Equal(4, stairs.Length);
        Assert.All(stairs, i => Assert.NotNull(doc.QuerySelector($"label[for='{i.Id}']")));
        Assert.NotNull(doc.QuerySelector("link[href^='/css/print.css']"));
        Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        using var missing = await client.GetAsync("/Assessments/Preview/unknown");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [DbFact]
    public async Task Posting_the_form_shows_the_levels_and_the_field_errors_beside_the_items()
    {
        using var client = await LoggedIn("doctor");
        var form = new Dictionary<string, string>();
        foreach (var (k, v) in AnswerBuilder.Gbt75())
            form["items." + k] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["diagnoses"] = "F01.9";
        using var r = await Post(client, "/Assessments/Preview/gbt42195-2022", new Dictionary<string, string>(form));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var doc = new HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync());
        Assert.Equal("75", doc.QuerySelector("#result-total")!.TextContent.Trim());
        Assert.Contains("能力轻度受损", doc.QuerySelector("#result-preliminary")!.TextContent);
        Assert.Contains("能力中度受损", doc.QuerySelector("#result-final")!.TextContent);
        Assert.Contains("痴呆", doc.QuerySelector("#result-adjustments")!.TextContent);
        Assert.NotNull(doc.QuerySelector("input[name='items.B1.1'][value='4'][checked]"));

        form.Remove("items.B1.1");
        using var bad = await Post(client, "/Assessments/Preview/gbt42195-2022", form);
        var badDoc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
        Assert.Null(badDoc.QuerySelector("#result"));
        Assert.Contains("进食", badDoc.GetElementById("items.B1.1-error")!.TextContent);
        var group = badDoc.QuerySelectorAll("fieldset[role=radiogroup]").First();
        Assert.Equal("true", group.GetAttribute("aria-invalid"));
        Assert.Contains("items.B1.1-error", group.GetAttribute("aria-describedby"));
    }

    [DbFact]
    public async Task The_TCM_form_shows_the_verdicts()
    {
        using var client = await LoggedIn("doctor");
        var form = Enumerable.Range(1, 33).ToDictionary(n => "items.Q" + n, _ => "1");
        using var r = await Post(client, "/Assessments/Preview/tcm-constitution-65", form);
        var doc = new HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync());
        Assert.Contains("平和质（是）", doc.QuerySelector("#result-conclusion")!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PreviewPageTestsSqlite(SqliteAppFixture f) : PreviewPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class PreviewPageTestsPostgres(PostgresAppFixture f) : PreviewPageTests(f), IPostgresTests;
