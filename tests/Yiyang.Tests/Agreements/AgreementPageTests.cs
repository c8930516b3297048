using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Agreements;

public abstract class AgreementPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task An_admin_drafts_activates_and_terminates_an_agreement_on_the_pages()
    {
        var hospital = await OrgId("铜川市王益区人民医院（铜川市中医医院）");
        var careName = TestData.Name("敬老院");
        var care = (await (await As("admin")).PostJson("/api/organizations", new Dictionary<string, object?>
        {
            ["name"] = careName,
            ["kind"] = "elderly-care",
            ["careType"] = "护理型",
            ["creditCode"] = TestData.CreditCode("52"),
            ["careLicenceNo"] = "YL" + Random.Shared.Next(100000, 999999),
            ["townshipCode"] = Township,
        }, HttpStatusCode.Created)).Id();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        using var admin = await PageClient.LoggedIn(Factory, "city");
        var form = new Dictionary<string, string>
        {
            ["MedicalOrganizationId"] = hospital.ToString(),
            ["CareOrganizationId"] = care.ToString(),
            ["StartOn"] = today.ToString("yyyy-MM-dd"),
            ["EndOn"] = today.AddYears(1).ToString("yyyy-MM-dd"),
            ["Items"] = "rounds",
            ["RoundsPerMonth"] = "",
            ["MedicalDuties"] = "按月巡诊",
            ["CareDuties"] = "配合巡诊",
        };
        using (var bad = await admin.PostForm("/Agreements/Create", "/Agreements/Create", form))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Equal("选择巡诊时请填写每月巡诊次数（1–31）。", doc.GetElementById("roundsPerMonth-error")!.TextContent.Trim());
            Assert.Equal("true", doc.GetElementById("roundsPerMonth")!.GetAttribute("aria-invalid"));
        }
        form["RoundsPerMonth"] = "2";
        string details;
        using (var ok = await admin.PostForm("/Agreements/Create", "/Agreements/Create", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            details = ok.Headers.Location!.OriginalString;
        }
        var id = details.Split('/').Last();
        Assert.Contains("草拟", new HtmlParser().ParseDocument(await admin.GetStringAsync(details)).GetElementById("agreement-status")!.TextContent);
        var version0 = new HtmlParser().ParseDocument(await admin.GetStringAsync(details)).QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        using (var act = await admin.PostForm(details, $"/Agreements/Details/{id}?handler=Activate", new() { ["Version"] = version0 }))
            Assert.Equal(HttpStatusCode.Redirect, act.StatusCode);
        var active = new HtmlParser().ParseDocument(await admin.GetStringAsync(details));
        Assert.Contains("生效", active.GetElementById("agreement-status")!.TextContent);
        Assert.Contains("巡诊（每月 2 次）", active.DocumentElement.TextContent);
        var version1 = active.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        using (var noReason = await admin.PostForm(details, $"/Agreements/Details/{id}?handler=Terminate", new() { ["Version"] = version1, ["Reason"] = "" }))
        {
            var doc = new HtmlParser().ParseDocument(await noReason.Content.ReadAsStringAsync());
            Assert.Equal("请填写终止原因（最多 500 字）。", doc.GetElementById("reason-error")!.TextContent.Trim());
        }
        using (var end = await admin.PostForm(details, $"/Agreements/Details/{id}?handler=Terminate", new() { ["Version"] = version1, ["Reason"] = "双方协商解除" }))
            Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        var ended = new HtmlParser().ParseDocument(await admin.GetStringAsync(details));
        Assert.Contains("终止", ended.GetElementById("agreement-status")!.TextContent);
        Assert.Contains("双方协商解除", ended.DocumentElement.TextContent);
        Assert.Empty(ended.QuerySelectorAll("main script, main [style]"));

        using var wjw = await PageClient.LoggedIn(Factory, "wjw");
        Assert.Contains(careName, await wjw.GetStringAsync("/Agreements/Uncovered")); // terminated: uncovered again
        using var doctor = await PageClient.LoggedIn(Factory, "hospdoctor");
        Assert.Contains($"/Agreements/Details/{id}", await doctor.GetStringAsync("/Agreements"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AgreementPageTestsSqlite(SqliteAppFixture f) : AgreementPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class AgreementPageTestsPostgres(PostgresAppFixture f) : AgreementPageTests(f), IPostgresTests;
