using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.HealthManagement;

public abstract class HealthManagementPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Place = "610302004"; // 宝鸡 姜谭街道: nobody else records there

    /// <summary>The complete API body as the form posts it (one value per field; lists keep their first entry).</summary>
    private static Dictionary<string, string> FormOf(Dictionary<string, object?> body)
    {
        var form = new Dictionary<string, string> { ["CheckedOn"] = (string)body["checkedOn"]! };
        foreach (var (section, value) in body)
        {
            if (value is not Dictionary<string, object?> fields) continue;
            foreach (var (key, v) in fields)
                form[$"{section}.{key}"] = v switch
                {
                    string[] a => a[0],
                    bool b => b ? "true" : "false",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => v!.ToString()!,
                };
        }
        return form;
    }

    [DbFact]
    public async Task A_doctor_records_the_yearly_check_and_tcm_on_forms_and_sees_the_rate_with_masked_names()
    {
        var elder = (await CreateElder(ElderBody(name: "诸葛春兰", township: Place, orgId: await JinhuaId()))).Id();
        using var client = await PageClient.LoggedIn(Factory, "doctor");
        var parser = new HtmlParser();

        var list = parser.ParseDocument(await client.GetStringAsync("/HealthManagement"));
        Assert.NotNull(list.GetElementById("worklist"));
        var layout = parser.ParseDocument(await client.GetStringAsync("/"));
        Assert.Contains(layout.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/HealthManagement" && a.TextContent == "健康管理");

        var newUrl = $"/HealthManagement/Check?elderId={elder}";
        var form = FormOf(HealthManagementApiTests.CompleteCheck(elder));
        form["physicalExam.systolic"] = "300";
        using (var bad = await client.PostForm(newUrl, $"/HealthManagement/Check?handler=save&elderId={elder}", form))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var doc = parser.ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("physicalExam-systolic")!.GetAttribute("aria-invalid"));
            Assert.Contains("收缩压", doc.GetElementById("physicalExam.systolic-error")!.TextContent);
            Assert.Equal("300", doc.GetElementById("physicalExam-systolic")!.GetAttribute("value"));
            Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        }
        form["physicalExam.systolic"] = "128";
        using var saved = await client.PostForm(newUrl, $"/HealthManagement/Check?handler=save&elderId={elder}", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var checkUrl = saved.Headers.Location!.OriginalString;
        Assert.StartsWith("/HealthManagement/Check/", checkUrl);
        var check = parser.ParseDocument(await client.GetStringAsync(checkUrl));
        Assert.StartsWith("完整", check.GetElementById("completeness")!.TextContent.Trim());
        Assert.Equal("22.0", check.GetElementById("bmi")!.TextContent.Trim());
        Assert.True(check.GetElementById("selfCare-grooming-1")!.HasAttribute("checked"));

        var tcmForm = Enumerable.Range(1, 33).ToDictionary(i => $"items.Q{i}", _ => "1");
        tcmForm["AssessedOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        tcmForm["GuidanceTopics"] = "emotion";
        using var tcm = await client.PostForm($"/HealthManagement/Tcm?elderId={elder}", $"/HealthManagement/Tcm?handler=save&elderId={elder}", tcmForm);
        Assert.Equal(HttpStatusCode.Redirect, tcm.StatusCode);
        var tcmPage = parser.ParseDocument(await client.GetStringAsync(tcm.Headers.Location!.OriginalString));
        Assert.Contains("平和质（是）", tcmPage.GetElementById("conclusion")!.TextContent);
        Assert.Contains("起居调摄", tcmPage.GetElementById("completeness")!.TextContent);

        var summary = parser.ParseDocument(await client.GetStringAsync($"/HealthManagement/Elder/{elder}"));
        Assert.Contains("完整", summary.GetElementById("checks")!.TextContent);

        var rates = parser.ParseDocument(await client.GetStringAsync($"/HealthManagement/Rates?regionCode={Place}"));
        var row = rates.QuerySelector("tr[data-indicator=elderly-health-management]")!;
        Assert.Equal("100.00%", row.QuerySelector(".rate")!.TextContent.Trim());
        Assert.Equal("0.00%", rates.QuerySelector("tr[data-indicator=tcm-health-management] .rate")!.TextContent.Trim());
        Assert.Equal("诸**", rates.QuerySelector("#drill tbody th")!.TextContent.Trim());
        Assert.DoesNotContain("诸葛春兰", rates.Body!.InnerHtml);
        Assert.Contains("老年人健康管理率", rates.QuerySelector(".chart")!.GetAttribute("data-chart"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HealthManagementPageTestsSqlite(SqliteAppFixture f) : HealthManagementPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class HealthManagementPageTestsPostgres(PostgresAppFixture f) : HealthManagementPageTests(f), IPostgresTests;
