using System.Net;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Emergency;

public abstract class CallPageTests(AppFixture fixture) : EmergencyTestBase(fixture)
{
    [DbFact]
    public async Task The_operator_takes_a_call_on_the_pages_and_unanswered_questions_stand_beside_them()
    {
        var (elderId, phone, _) = await ElderWithPhones();
        using var op = await PageClient.LoggedIn(Factory, "operator");
        using (var bad = await op.PostForm("/Emergency/Calls", "/Emergency/Calls?handler=Open", new() { ["CallerNumber"] = "abc", ["Line"] = "12349" }))
        {
            var doc = new HtmlParser().ParseDocument(await bad.Content.ReadAsStringAsync());
            Assert.Contains("来电号码格式不正确", doc.GetElementById("callerNumber-error")!.TextContent);
        }
        string url;
        using (var open = await op.PostForm("/Emergency/Calls", "/Emergency/Calls?handler=Open", new() { ["CallerNumber"] = phone, ["Line"] = "12349" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
            url = open.Headers.Location!.OriginalString;
        }
        var page = await op.GetStringAsync(url);
        Assert.DoesNotContain(phone, page);
        var doc2 = new HtmlParser().ParseDocument(page);
        Assert.NotNull(doc2.QuerySelector($"#candidates li[data-elder='{elderId}']"));
        Assert.Empty(doc2.QuerySelectorAll("main script, main [style]"));
        using (var match = await op.PostForm(url, url + "?handler=Match", new() { ["Version"] = "0", ["ElderId"] = elderId.ToString() }))
            Assert.Equal(HttpStatusCode.Redirect, match.StatusCode);
        using (var missing = await op.PostForm(url, url + "?handler=Triage", new() { ["Version"] = "1", ["Reason"] = "breathing", ["Answers[blue-lips]"] = "yes" }))
        {
            var doc = new HtmlParser().ParseDocument(await missing.Content.ReadAsStringAsync());
            Assert.Contains("说不完整一句话", doc.GetElementById("answers.cannot-speak-error")!.TextContent);
            Assert.NotNull(doc.QuerySelector("#script-breathing[open]"));
        }
        var form = new Dictionary<string, string> { ["Version"] = "1", ["Reason"] = "breathing", ["Answers[cannot-speak]"] = "no", ["Answers[blue-lips]"] = "no", ["Answers[asthma-copd]"] = "yes" };
        using (var ok = await op.PostForm(url, url + "?handler=Triage", form))
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using (var done = await op.PostForm(url, url + "?handler=Complete", new() { ["Version"] = "2", ["Outcome"] = "incident" }))
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var ended = new HtmlParser().ParseDocument(await op.GetStringAsync(url));
        Assert.Contains("呼吸困难，优先级 1 级", ended.GetElementById("triaged")!.TextContent);
        Assert.StartsWith("/Emergency/Incidents/", ended.GetElementById("incident-link")!.GetAttribute("href"));
        var list = new HtmlParser().ParseDocument(await op.GetStringAsync("/Emergency/Calls"));
        Assert.Contains("转为应急事件", list.QuerySelector($"#calls tr[data-call='{url.Split('/').Last()}']")!.TextContent);

        using var doctor = await PageClient.LoggedIn(Factory, "doctor");
        using var denied = await doctor.GetAsync(url);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [DbFact]
    public async Task The_tasks_page_shows_the_organizations_tasks_only()
    {
        var (elderId, _, _) = await ElderWithPhones();
        await SignWithJinhuaTeam(elderId);
        var d = await Device(elderId: elderId);
        var id = await AlarmIncident(d, "tp-" + Guid.NewGuid().ToString("N"));
        var op = await As("operator");
        await StepOk(op, id, "acknowledge", new { }, 0);
        var dispatchId = (await StepOk(op, id, "dispatch", new { responderKind = "family-doctor-team" }, 1))["dispatches"]![0]!.Id();
        using var nurse = await PageClient.LoggedIn(Factory, "nurse");
        var doc = new HtmlParser().ParseDocument(await nurse.GetStringAsync("/Emergency/Tasks"));
        Assert.Equal("待接单", doc.GetElementById($"task-{dispatchId}-status")!.TextContent.Trim());
        using (var accept = await nurse.PostForm("/Emergency/Tasks", "/Emergency/Tasks?handler=Accept", new() { ["TaskId"] = dispatchId.ToString(), ["Version"] = "0" }))
            Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);
        Assert.Equal("已接单", new HtmlParser().ParseDocument(await nurse.GetStringAsync("/Emergency/Tasks")).GetElementById($"task-{dispatchId}-status")!.TextContent.Trim());
        using var other = await PageClient.LoggedIn(Factory, "hbdoctor");
        Assert.Null(new HtmlParser().ParseDocument(await other.GetStringAsync("/Emergency/Tasks")).GetElementById($"task-{dispatchId}-status"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CallPageTestsSqlite(SqliteAppFixture f) : CallPageTests(f);

[Collection(PostgresCollection.Name)]
public sealed class CallPageTestsPostgres(PostgresAppFixture f) : CallPageTests(f), IPostgresTests;
