using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Institutions;

/// <summary>The bed-board forms: admission with contract, leave and return on the stay page, conversion request and the regulator's decision.</summary>
public abstract class BedBoardFormsTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static readonly HtmlParser Parser = new();
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static async Task<long> Bed(HttpClient api, long org, string kind) =>
        (await api.PostJson($"/api/institutions/{org}/beds", new { ward = "表单病区", room = "R" + Guid.NewGuid().ToString("N")[..6], number = "1", kind },
            HttpStatusCode.Created)).Id();

    [DbFact]
    public async Task Staff_admit_with_a_contract_put_a_resident_on_leave_and_back()
    {
        var org = await JinhuaId();
        var bed = await Bed(await As("nurse"), org, "nursing");
        var elder = (await CreateElder(ElderBody(orgId: org))).Id();
        using var client = await PageClient.LoggedIn(Factory, "nurse");
        var admit = new Dictionary<string, string>
        {
            ["ElderId"] = elder.ToString(),
            ["ElderConfirmed"] = "true",
            ["BedId"] = bed.ToString(),
            ["AdmittedOn"] = D(TestData.ChinaToday.AddDays(-3)),
            ["ContractNumber"] = "HT-2026-77",
        };
        // a contract number without its dates: errors beside the dates, nothing admitted
        using (var bad = await client.PostForm("/Institutions", "/Institutions?handler=Admit", new(admit)))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var doc = Parser.ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("请填写合同开始日期。", doc.GetElementById("contractStartOn-error")!.TextContent.Trim());
            Assert.Equal("true", doc.GetElementById("contractEndOn")!.GetAttribute("aria-invalid"));
            Assert.Contains("空床", doc.QuerySelector($"tr[data-bed='{bed}']")!.TextContent);
        }
        admit["ContractStartOn"] = D(TestData.ChinaToday.AddDays(-3));
        admit["ContractEndOn"] = D(TestData.ChinaToday.AddYears(1));
        long stay;
        using (var ok = await client.PostForm("/Institutions", "/Institutions?handler=Admit", new(admit)))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            var doc = Parser.ParseDocument(await client.GetStringAsync(ok.Headers.Location!.OriginalString));
            Assert.Equal("已办理入住。", doc.GetElementById("done")!.TextContent.Trim());
            var row = doc.QuerySelector($"tr[data-bed='{bed}']")!;
            Assert.Contains("合同 HT-2026-77", row.TextContent);
            stay = long.Parse(row.QuerySelector("a[data-stay]")!.GetAttribute("data-stay")!);
        }

        var url = $"/Institutions/Stay/{stay}";
        using (var bad = await client.PostForm(url, url + "?handler=Leave", new() { ["ExpectedReturnOn"] = D(TestData.ChinaToday.AddDays(-5)) }))
        {
            var doc = Parser.ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Contains("外出类型", doc.GetElementById("kind-error")!.TextContent);
            Assert.Empty(doc.QuerySelectorAll("#leaves tbody tr"));
        }
        using (var ok = await client.PostForm(url, url + "?handler=Leave", new()
        {
            ["Kind"] = "hospitalised",
            ["StartOn"] = D(TestData.ChinaToday.AddDays(-1)),
            ["ExpectedReturnOn"] = D(TestData.ChinaToday.AddDays(3)),
            ["Note"] = "肺炎",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            var doc = Parser.ParseDocument(await client.GetStringAsync(ok.Headers.Location!.OriginalString));
            Assert.Equal($"外出·住院（预计 {D(TestData.ChinaToday.AddDays(3))} 返回）", doc.GetElementById("stay-status")!.TextContent.Trim());
            Assert.NotNull(doc.GetElementById("return-form"));
            Assert.Null(doc.GetElementById("leave-form"));
        }
        using (var bad = await client.PostForm(url, url + "?handler=Return", new() { ["ReturnedOn"] = D(TestData.ChinaToday.AddDays(-2)) }))
            Assert.Equal("返回日期不能早于外出日期。", Parser.ParseDocument(await bad.Content.ReadAsStringAsync()).GetElementById("returnedOn-error")!.TextContent.Trim());
        using (var ok = await client.PostForm(url, url + "?handler=Return", new() { ["ReturnedOn"] = D(TestData.ChinaToday) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            var doc = Parser.ParseDocument(await client.GetStringAsync(ok.Headers.Location!.OriginalString));
            Assert.Equal("在院", doc.GetElementById("stay-status")!.TextContent.Trim());
            var cells = doc.QuerySelectorAll("#leaves tbody tr").Single().QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
            Assert.Equal(["住院", D(TestData.ChinaToday.AddDays(-1)), D(TestData.ChinaToday.AddDays(3)), D(TestData.ChinaToday), "肺炎"], cells);
            Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        }
    }

    [DbFact]
    public async Task A_conversion_requested_on_the_board_is_decided_by_the_health_bureau_and_shows_on_the_board()
    {
        var org = await JinhuaId();
        var bed = await Bed(await As("nurse"), org, "elder-care");
        using var nurse = await PageClient.LoggedIn(Factory, "nurse");
        using (var bad = await nurse.PostForm("/Institutions", "/Institutions?handler=Convert", new() { ["ConversionBedId"] = bed.ToString(), ["ToUse"] = "medical" }))
            Assert.Contains("转换理由", Parser.ParseDocument(await bad.Content.ReadAsStringAsync()).GetElementById("reason-error")!.TextContent);
        using (var ok = await nurse.PostForm("/Institutions", "/Institutions?handler=Convert", new()
        {
            ["ConversionBedId"] = bed.ToString(),
            ["ToUse"] = "medical",
            ["Reason"] = "医务室扩充",
        }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var conversion = (await (await As("nurse")).GetJson("/api/institutions/conversions")).AsArray().Single(c => (long)c!["bedId"]! == bed)!.Id();

        // 民政 does not decide a conversion to 医疗 use: no buttons for it
        using (var mzj = await PageClient.LoggedIn(Factory, "mzj"))
        {
            var doc = Parser.ParseDocument(await mzj.GetStringAsync("/Institutions/Conversions"));
            Assert.NotNull(doc.QuerySelector($"li[data-conversion='{conversion}']"));
            Assert.Null(doc.QuerySelector($"button[data-approve='{conversion}']"));
        }
        using var wjw = await PageClient.LoggedIn(Factory, "wjw");
        using (var bad = await wjw.PostForm("/Institutions/Conversions", "/Institutions/Conversions?handler=Reject", new() { ["ConversionId"] = conversion.ToString() }))
        {
            var doc = Parser.ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("驳回时请填写理由。", doc.GetElementById($"note-{conversion}-error")!.TextContent.Trim());
            Assert.Equal("pending", doc.QuerySelector($"li[data-conversion='{conversion}']")!.GetAttribute("data-status"));
        }
        using (var ok = await wjw.PostForm("/Institutions/Conversions", "/Institutions/Conversions?handler=Approve", new()
        {
            ["ConversionId"] = conversion.ToString(),
            ["Note"] = "同意",
        }))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        var board = Parser.ParseDocument(await nurse.GetStringAsync("/Institutions"));
        var row = board.QuerySelector($"tr[data-bed='{bed}']")!;
        Assert.Equal("medical", row.QuerySelector("td[data-use]")!.GetAttribute("data-use"));
        Assert.Equal("现作医疗用途", row.QuerySelector("[data-converted]")!.TextContent.Trim());
        Assert.Equal("已批准（同意）", board.QuerySelector($"li[data-conversion='{conversion}']")!.TextContent.Split('：')[^1].Trim());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BedBoardFormsTestsSqlite(SqliteAppFixture f) : BedBoardFormsTests(f);

[Collection(PostgresCollection.Name)]
public sealed class BedBoardFormsTestsPostgres(PostgresAppFixture f) : BedBoardFormsTests(f), IPostgresTests;
