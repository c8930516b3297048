using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Assessments;

public abstract class AssessmentRecordPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private Task<HttpClient> LoggedIn(string user) => PageClient.LoggedIn(Factory, user);

    private static Dictionary<string, string> Form(string firstAssessor, string secondAssessor)
    {
        var form = new Dictionary<string, string>
        {
            ["Reason"] = "initial",
            ["AssessedOn"] = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd"),
            ["Assessors[0]"] = firstAssessor,
            ["Assessors[1]"] = secondAssessor,
            ["Assessors[2]"] = "",
        };
        foreach (var (k, v) in AnswerBuilder.Gbt75())
            form["items." + k] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return form;
    }

    [DbFact]
    public async Task A_doctor_fills_the_form_signs_it_and_sees_it_on_the_elders_page()
    {
        var elderId = (await CreateElder(ElderBody(orgId: await JinhuaId()))).Id();
        using var client = await LoggedIn("doctor");
        var elderPage = new HtmlParser().ParseDocument(await client.GetStringAsync($"/Assessments/Elder/{elderId}"));
        Assert.NotNull(elderPage.QuerySelector("#no-assessments"));
        Assert.NotNull(elderPage.QuerySelector("form#new-assessment[action='/Assessments/Record']"));

        var url = $"/Assessments/Record?elderId={elderId}&code=gbt42195-2022";
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        Assert.Equal(26, doc.QuerySelectorAll("fieldset[role=radiogroup]").Length);
        Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        var signAction = doc.QuerySelector("button#sign")!.GetAttribute("formaction")!;

        var form = Form("李建华", "");
        using var oneAssessor = await client.PostForm(url, WebUtility.HtmlDecode(signAction), form);
        Assert.Equal(HttpStatusCode.OK, oneAssessor.StatusCode);
        var badHtml = await oneAssessor.Content.ReadAsStringAsync();
        var bad = new HtmlParser().ParseDocument(badHtml);
        Assert.Contains("两名", bad.GetElementById("assessors-error")!.TextContent);

        form["Assessors[1]"] = "王丽";
        using var ok = await client.PostForm(url, WebUtility.HtmlDecode(signAction), form);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var saved = new HtmlParser().ParseDocument(await client.GetStringAsync(ok.Headers.Location!.OriginalString));
        Assert.Equal("已签署", saved.QuerySelector("#assessment-status")!.TextContent.Trim());
        Assert.Equal("75", saved.QuerySelector("#result-total")!.TextContent.Trim());
        Assert.NotNull(saved.QuerySelector("#next-due"));
        Assert.Null(saved.QuerySelector("#assessment-form"));
        Assert.NotNull(saved.QuerySelector("a#correct"));

        var list = new HtmlParser().ParseDocument(await client.GetStringAsync($"/Assessments/Elder/{elderId}"));
        Assert.Single(list.QuerySelectorAll("#assessments tbody tr"));
        Assert.Contains("年", list.QuerySelector("#next-due")!.TextContent);
    }

    [DbFact]
    public async Task Another_organizations_elder_is_not_found()
    {
        var other = (await CreateElder(ElderBody(orgId: await HuangbaoId()))).Id();
        using var client = await LoggedIn("doctor");
        using var r = await client.GetAsync($"/Assessments/Elder/{other}");
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using var form = await client.GetAsync($"/Assessments/Record?elderId={other}&code=barthel");
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AssessmentRecordPageTestsSqlite(SqliteAppFixture f) : AssessmentRecordPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class AssessmentRecordPageTestsPostgres(PostgresAppFixture f) : AssessmentRecordPageTests(f), IPostgresTests;
