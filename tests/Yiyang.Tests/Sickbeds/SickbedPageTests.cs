using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Sickbeds;

public abstract class SickbedPageTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private static string Day(int offset = 0) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(offset).ToString("yyyy-MM-dd");

    [DbFact]
    public async Task A_doctor_applies_approves_opens_and_starts_a_round_from_the_pages()
    {
        var elderId = (await CreateElder(ElderBody(orgId: await JinhuaId()))).Id();
        using var client = await PageClient.LoggedIn(Factory, "doctor");

        var form = new Dictionary<string, string>
        {
            ["ElderId"] = elderId.ToString(),
            ["ElderConfirmed"] = "true",
            ["DiagnosisCode"] = "脑梗",
            ["DiagnosisName"] = "脑梗死后遗症",
            ["Reason"] = "行动不便，需继续康复",
        };
        using (var wrong = await client.PostForm("/Sickbeds/Apply", "/Sickbeds/Apply", new(form)))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var doc = new HtmlParser().ParseDocument(await wrong.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("diagnosisCode")!.GetAttribute("aria-invalid"));
            Assert.Contains("ICD-10", doc.GetElementById("diagnosisCode-error")!.TextContent);
            Assert.Null(doc.GetElementById("reason")!.GetAttribute("aria-invalid"));
            Assert.Null(doc.GetElementById("organizationId")); // staff apply for their own institution
            Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        }
        form["DiagnosisCode"] = "I69.3";
        using var applied = await client.PostForm("/Sickbeds/Apply", "/Sickbeds/Apply", new(form));
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var url = applied.Headers.Location!.OriginalString;
        Assert.StartsWith("/Sickbeds/Details/", url);

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        Assert.Equal("待评估", page.GetElementById("sickbed-status")!.TextContent.Trim());
        Assert.NotNull(page.GetElementById("approve-form"));
        using (var approve = await client.PostForm(url, url + "?handler=Approve", new() { ["Version"] = "0", ["Note"] = "适宜居家治疗" }))
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);

        // the open form shows a too-long cycle beside its field
        var open = new Dictionary<string, string>
        {
            ["Version"] = "1",
            ["Plan"] = "康复训练；监测血压",
            ["ServicesText"] = "SB-BP 血压测量\nSB-REHAB 康复指导",
            ["ResponsibleDoctor"] = "李医生",
            ["ResponsibleNurse"] = "王护士",
            ["RoundsPerWeek"] = "2",
            ["CycleEndsOn"] = Day(120),
        };
        using (var tooLong = await client.PostForm(url, url + "?handler=Open", new(open)))
        {
            Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
            var doc = new HtmlParser().ParseDocument(await tooLong.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("open-cycleEndsOn")!.GetAttribute("aria-invalid"));
            Assert.Contains("90 天", doc.GetElementById("open-cycleEndsOn-error")!.TextContent);
        }
        open["CycleEndsOn"] = Day(60);
        using (var opened = await client.PostForm(url, url + "?handler=Open", new(open)))
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var sickbedId = long.Parse(url["/Sickbeds/Details/".Length..]);
        var api = await (await As("doctor")).GetJson($"/api/sickbeds/{sickbedId}");
        Assert.Equal("opened", (string)api["status"]!);
        Assert.Equal(Day(60), (string)api["cycleEndsOn"]!);
        Assert.Equal(new[] { "SB-BP", "SB-REHAB" }, api["services"]!.AsArray().Select(s => (string)s!["serviceCode"]!));

        // 开始查床 opens the visit page; a double tap opens the same visit
        page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        var key = page.QuerySelector("#round-form input[name=RequestKey]")!.GetAttribute("value")!;
        using var round = await client.PostForm(url, url + "?handler=Round", new() { ["RequestKey"] = key });
        Assert.Equal(HttpStatusCode.Redirect, round.StatusCode);
        var visitUrl = round.Headers.Location!.OriginalString;
        Assert.StartsWith("/HomeCare/Visit/", visitUrl);
        using (var again = await client.PostForm(url, url + "?handler=Round", new() { ["RequestKey"] = key }))
            Assert.Equal(visitUrl, again.Headers.Location!.OriginalString);
        using (var order = await client.PostForm(url, url + "?handler=Order", new() { ["OrderKind"] = "long-term", ["OrderText"] = "" }))
        {
            var doc = new HtmlParser().ParseDocument(await order.Content.ReadAsStringAsync());
            Assert.Equal("true", doc.GetElementById("order-text")!.GetAttribute("aria-invalid"));
        }
        page = new HtmlParser().ParseDocument(await client.GetStringAsync(url));
        Assert.Single(page.QuerySelectorAll($"#rounds a[href='{visitUrl}']"));
        Assert.NotNull(page.GetElementById("close-form"));
        Assert.NotNull(page.GetElementById("renew-form"));
    }

    [DbFact]
    public async Task The_list_shows_the_alerts_and_a_badge_and_regulators_read_without_forms()
    {
        var elderId = (await CreateElder(ElderBody(orgId: await JinhuaId()))).Id();
        var doctor = await As("doctor");
        var applied = await doctor.PostJson("/api/sickbeds", new
        {
            elderId,
            reason = "行动不便",
            diagnosisCode = "I69.3",
            diagnosisName = "脑梗死后遗症",
            appliedOn = Day(-12),
        }, HttpStatusCode.Created);
        await doctor.PostJson($"/api/sickbeds/{applied.Id()}/approve", new { version = 0, assessedOn = Day(-12), note = "适宜" }, HttpStatusCode.OK);
        await doctor.PostJson($"/api/sickbeds/{applied.Id()}/open", new
        {
            version = 1,
            openedOn = Day(-12),
            plan = "康复",
            responsibleDoctor = "李医生",
            responsibleNurse = "王护士",
        }, HttpStatusCode.OK);

        using var client = await PageClient.LoggedIn(Factory, "doctor");
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync("/Sickbeds"));
        Assert.NotNull(doc.QuerySelector($"#alerts li[data-sickbed='{applied.Id()}'][data-kind='rounds-below-frequency']"));
        Assert.NotNull(doc.QuerySelector($"#sickbeds tr[data-sickbed='{applied.Id()}'] .alert-badge"));
        Assert.NotNull(doc.GetElementById("apply-link"));
        Assert.Contains(doc.QuerySelectorAll("nav a.nav-link"), a => a.GetAttribute("href") == "/Sickbeds");
        Assert.Empty(doc.QuerySelectorAll("main script, main [style]"));
        var details = new HtmlParser().ParseDocument(await client.GetStringAsync($"/Sickbeds/Details/{applied.Id()}"));
        Assert.NotNull(details.GetElementById("round-alert"));

        using var regulator = await PageClient.LoggedIn(Factory, "wjw");
        var list = new HtmlParser().ParseDocument(await regulator.GetStringAsync("/Sickbeds"));
        Assert.NotNull(list.QuerySelector($"#sickbeds tr[data-sickbed='{applied.Id()}']"));
        Assert.Null(list.GetElementById("apply-link"));
        var readOnly = new HtmlParser().ParseDocument(await regulator.GetStringAsync($"/Sickbeds/Details/{applied.Id()}"));
        Assert.Empty(readOnly.QuerySelectorAll("main form"));

        using var other = await PageClient.LoggedIn(Factory, "hbdoctor");
        using var hidden = await other.GetAsync($"/Sickbeds/Details/{applied.Id()}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SickbedPageTestsSqlite(SqliteAppFixture f) : SickbedPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class SickbedPageTestsPostgres(PostgresAppFixture f) : SickbedPageTests(f), IPostgresTests;
