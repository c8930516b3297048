using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Emergency;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Emergency;

public sealed class NotificationRulesTests
{
    [Fact]
    public void An_incident_calls_for_received_then_dispatched_then_resolved_as_it_goes()
    {
        Assert.Equal([NoticeKind.Received], NotificationRules.Due(IncidentKind.Sos, IncidentStatus.New, dispatched: false));
        Assert.Equal([NoticeKind.Received], NotificationRules.Due(IncidentKind.Fall, IncidentStatus.Acknowledged, dispatched: false));
        Assert.Equal([NoticeKind.Received, NoticeKind.Dispatched], NotificationRules.Due(IncidentKind.Sos, IncidentStatus.OnScene, dispatched: true));
        Assert.Equal([NoticeKind.Received, NoticeKind.Dispatched, NoticeKind.Resolved], NotificationRules.Due(IncidentKind.Vitals, IncidentStatus.Resolved, dispatched: true));
        // resolved by phone without a task: no "on the way"
        Assert.Equal([NoticeKind.Received, NoticeKind.Resolved], NotificationRules.Due(IncidentKind.Sos, IncidentStatus.Closed, dispatched: false));
    }

    [Fact]
    public void Device_problems_do_not_notify_the_family()
    {
        Assert.Empty(NotificationRules.Due(IncidentKind.DeviceOffline, IncidentStatus.New, false));
        Assert.Empty(NotificationRules.Due(IncidentKind.LowBattery, IncidentStatus.Resolved, true));
        Assert.Empty(NotificationRules.Due(IncidentKind.DeviceFault, IncidentStatus.New, false));
    }

    [Fact]
    public void Backoff_doubles_from_the_base_up_to_the_maximum_and_the_notice_dies_at_the_limit()
    {
        var o = new NotificationOptions { BackoffSeconds = 30, MaxBackoffSeconds = 200, MaxAttempts = 4 };
        Assert.Equal(TimeSpan.FromSeconds(30), NotificationRules.Backoff(1, o));
        Assert.Equal(TimeSpan.FromSeconds(60), NotificationRules.Backoff(2, o));
        Assert.Equal(TimeSpan.FromSeconds(120), NotificationRules.Backoff(3, o));
        Assert.Equal(TimeSpan.FromSeconds(200), NotificationRules.Backoff(4, o));
        Assert.Equal(TimeSpan.FromSeconds(200), NotificationRules.Backoff(60, o));
        Assert.Equal(NotificationStatus.Failed, NotificationRules.AfterFailure(3, o));
        Assert.Equal(NotificationStatus.Dead, NotificationRules.AfterFailure(4, o));
    }

    [Fact]
    public void The_texts_are_the_three_notices_and_carry_the_masked_name_only()
    {
        Assert.StartsWith("【颐养应急中心】已收到报警", NotificationRules.Text(NoticeKind.Received, "张*"));
        Assert.Contains("救助人员已出发", NotificationRules.Text(NoticeKind.Dispatched, "张*"));
        Assert.Contains("已处置", NotificationRules.Text(NoticeKind.Resolved, "张*"));
    }
}

public abstract class NotificationTests(AppFixture fixture) : EmergencyTestBase(fixture)
{
    private NotificationOptions Options => Factory.Services.GetRequiredService<IOptions<NotificationOptions>>().Value;

    /// <summary>The file channel of this app writes to a file of its own (set before any notice of these tests is queued).</summary>
    private string UseTestFile()
    {
        var path = Factory.AuditCheckpointDirectory + "-notifications.jsonl";
        Options.FilePath = path;
        return path;
    }

    private Task<int> Run() => Factory.WithScope(sp => sp.GetRequiredService<NotificationCheck>().RunAsync(CancellationToken.None));

    private static List<JsonNode> Lines(string path, long incidentId) => !File.Exists(path) ? []
        : [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).Where(n => (long)n["incidentId"]! == incidentId)];

    /// <summary>A 金华 elder with two contacts (儿子, 女儿) and an SOS button.</summary>
    private async Task<(TestDevice Device, string Son, string Daughter)> ElderWithTwoContacts()
    {
        var (son, daughter) = (TestData.Phone(), TestData.Phone());
        var body = ElderBody(phone: TestData.Phone(), orgId: await JinhuaId());
        body["contacts"] = new[] { new { name = "张建国", relation = "儿子", phone = son }, new { name = "张建华", relation = "女儿", phone = daughter } };
        var elder = (await CreateElder(body)).Id();
        return (await Device(elderId: elder), son, daughter);
    }

    private static object AllThreeTo(int contactIndex) => new { contacts = new[] { new { contactIndex, received = true, dispatched = true, resolved = true } } };

    [DbFact]
    public async Task A_configured_contact_gets_received_on_the_way_and_resolved_once_each_in_order_and_the_other_contact_nothing()
    {
        var path = UseTestFile();
        var (d, son, daughter) = await ElderWithTwoContacts();
        var op = await As("operator");
        using (var put = await op.PutJson($"/api/emergency/notify-settings/{d.ElderId}", AllThreeTo(0)))
        {
            await put.ShouldBe(HttpStatusCode.OK);
            var settings = await put.ReadJson();
            Assert.True((bool)settings["contacts"]![0]!["resolved"]!);
            Assert.False((bool)settings["contacts"]![1]!["received"]!);
            Assert.DoesNotContain(son, settings.ToJsonString());
        }

        var id = await AlarmIncident(d, "notify-" + Guid.NewGuid().ToString("N"));
        await Run();
        Assert.Equal(["received"], Lines(path, id).Select(l => (string)l["kind"]!));
        await StepOk(op, id, "acknowledge", new { }, 0);
        await Run();
        Assert.Single(Lines(path, id));
        await StepOk(op, id, "dispatch", new { responderKind = "family-doctor-team", responderName = "金华社区家医团队" }, 1);
        await StepOk(op, id, "dispatch", new { responderKind = "ambulance-120" }, 2);
        await Run();
        await StepOk(op, id, "on-scene", new { }, 3);
        await StepOk(op, id, "resolve", new { outcome = "family-handled" }, 4);
        await Run();
        await Run();
        await StepOk(op, id, "close", new { }, 5);
        await Run();

        var lines = Lines(path, id);
        Assert.Equal(["received", "dispatched", "resolved"], lines.Select(l => (string)l["kind"]!));
        Assert.All(lines, l => Assert.Equal(son, (string)l["to"]!));
        Assert.DoesNotContain(lines, l => (string)l["to"]! == daughter);
        Assert.Contains("救助人员已出发", (string)lines[1]["text"]!);

        var seen = (await op.GetJson($"/api/incidents/{id}/notifications")).AsArray();
        Assert.Equal(3, seen.Count);
        Assert.All(seen, n => Assert.Equal("sent", (string)n!["status"]!));
        Assert.All(seen, n => Assert.StartsWith("儿子", (string)n!["contact"]!));
        Assert.DoesNotContain(son, seen.ToJsonString());
        Assert.Equal(3, await Db(db => db.Set<EmergencyNotification>().CountAsync(n => n.IncidentId == id)));
    }

    [DbFact]
    public async Task A_failing_channel_is_retried_with_backoff_and_the_notice_ends_dead_after_the_limit()
    {
        UseTestFile();
        var (d, _, _) = await ElderWithTwoContacts();
        var op = await As("operator");
        using (var put = await op.PutJson($"/api/emergency/notify-settings/{d.ElderId}",
                   new { contacts = new[] { new { contactIndex = 1, received = true, dispatched = false, resolved = false } } }))
            await put.ShouldBe(HttpStatusCode.OK);
        var (file, attempts, backoff) = (Options.FilePath, Options.MaxAttempts, Options.BackoffSeconds);
        Options.FilePath = "/dev/null/cannot/notifications.jsonl"; // a directory cannot be made under /dev/null: every send fails
        (Options.MaxAttempts, Options.BackoffSeconds) = (3, 30);
        try
        {
            var id = await AlarmIncident(d, "fail-" + Guid.NewGuid().ToString("N"));
            Task<EmergencyNotification> Row() => Db(db => db.Set<EmergencyNotification>().AsNoTracking().SingleAsync(n => n.IncidentId == id));
            await Run();
            var first = await Row();
            Assert.Equal((NotificationStatus.Failed, 1), (first.Status, first.Attempts));
            Assert.Equal("DirectoryNotFoundException", first.LastError); // the error's type only, never its message (it may quote the path or number)
            await Run(); // not due yet
            Assert.Equal(1, (await Row()).Attempts);
            Factory.Clock.Offset = TimeSpan.FromSeconds(31);
            await Run();
            var second = await Row();
            Assert.Equal((NotificationStatus.Failed, 2), (second.Status, second.Attempts));
            Assert.True(second.NextAttemptAt - first.NextAttemptAt >= TimeSpan.FromSeconds(60), "the wait doubles");
            Factory.Clock.Offset = TimeSpan.FromSeconds(60); // the second wait (60 s) has not passed
            await Run();
            Assert.Equal(2, (await Row()).Attempts);
            Factory.Clock.Offset = TimeSpan.FromSeconds(92);
            await Run();
            var dead = await Row();
            Assert.Equal((NotificationStatus.Dead, 3), (dead.Status, dead.Attempts));
            Options.FilePath = file;
            Factory.Clock.Offset = TimeSpan.FromHours(2);
            await Run();
            Assert.Equal((NotificationStatus.Dead, 3), ((await Row()).Status, (await Row()).Attempts));
            Factory.Clock.Offset = TimeSpan.Zero; // the operator's token is still valid
            Assert.Equal("dead", (string)(await op.GetJson($"/api/incidents/{id}/notifications")).AsArray().Single()!["status"]!);
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
            (Options.FilePath, Options.MaxAttempts, Options.BackoffSeconds) = (file, attempts, backoff);
        }
    }

    [DbFact]
    public async Task Bad_settings_are_a_Chinese_400_and_write_nothing()
    {
        var (d, _, _) = await ElderWithTwoContacts();
        var op = await As("operator");
        using (var ok = await op.PutJson($"/api/emergency/notify-settings/{d.ElderId}", AllThreeTo(1)))
            await ok.ShouldBe(HttpStatusCode.OK);
        Task<List<int>> Stored() => Db(db => db.Set<EmergencyNotifySetting>().AsNoTracking().Where(s => s.ElderId == d.ElderId).Select(s => s.ContactIndex).ToListAsync());

        using (var outOfRange = await op.PutJson($"/api/emergency/notify-settings/{d.ElderId}", AllThreeTo(2)))
            Assert.True(JsonApi.IsChinese((await outOfRange.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("contacts[0].contactIndex")[0]));
        using (var twice = await op.PutJson($"/api/emergency/notify-settings/{d.ElderId}",
                   new { contacts = new[] { new { contactIndex = 0, received = true }, new { contactIndex = 0, received = false } } }))
            Assert.True(JsonApi.IsChinese((await twice.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("contacts[1].contactIndex")[0]));
        using (var none = await op.PutJson($"/api/emergency/notify-settings/{d.ElderId}", new { }))
            Assert.True(JsonApi.IsChinese((await none.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("contacts")[0]));
        Assert.Equal([1], await Stored());

        // an empty list turns everything off
        using (var off = await op.PutJson($"/api/emergency/notify-settings/{d.ElderId}", new { contacts = Array.Empty<object>() }))
            await off.ShouldBe(HttpStatusCode.OK);
        Assert.Empty(await Stored());
    }

    [DbFact]
    public async Task An_operator_of_another_region_gets_404_for_the_settings_and_the_notices()
    {
        var (d, _, _) = await ElderWithTwoContacts();
        var id = await AlarmIncident(d, "scope-" + Guid.NewGuid().ToString("N"));
        var security = await As("security");
        var name = "notify" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Notify-2026-pass!";
        await security.PostJson("/api/users", new { userName = name, displayName = "宝鸡坐席", password, role = "call-operator", regionCode = "6103" }, HttpStatusCode.Created);
        var other = await Factory.ClientFor(name, password);

        await other.GetJson($"/api/emergency/notify-settings/{d.ElderId}", HttpStatusCode.NotFound);
        using (var put = await other.PutJson($"/api/emergency/notify-settings/{d.ElderId}", AllThreeTo(0)))
            await put.ShouldBeProblem(HttpStatusCode.NotFound);
        await other.GetJson($"/api/incidents/{id}/notifications", HttpStatusCode.NotFound);
        Assert.Equal(0, await Db(db => db.Set<EmergencyNotifySetting>().CountAsync(s => s.ElderId == d.ElderId)));

        // the elder's own centre reads them, and the read is audited
        var settings = await (await As("operator")).GetJson($"/api/emergency/notify-settings/{d.ElderId}");
        Assert.Equal(2, settings["contacts"]!.AsArray().Count);
        Assert.Equal("女儿", (string)settings["contacts"]![1]!["relation"]!);
    }

    [DbFact]
    public async Task The_operator_ticks_the_notices_of_a_contact_on_the_page()
    {
        var (d, son, _) = await ElderWithTwoContacts();
        using var op = await PageClient.LoggedIn(Factory, "operator");
        var url = $"/Emergency/Notifications?elderId={d.ElderId}";
        var page = await op.GetStringAsync(url);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page);
        Assert.Equal(2, doc.QuerySelectorAll("#contacts tr[data-contact]").Length);
        Assert.DoesNotContain(son, page);
        using (var saved = await op.PostForm(url, url, new()
        {
            ["ElderId"] = d.ElderId.ToString(),
            ["Rows[0].ContactIndex"] = "0",
            ["Rows[1].ContactIndex"] = "1",
            ["Rows[1].Received"] = "true",
            ["Rows[1].Resolved"] = "true",
        }))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var row = await Db(db => db.Set<EmergencyNotifySetting>().AsNoTracking().SingleAsync(s => s.ElderId == d.ElderId));
        Assert.Equal((1, true, false, true), (row.ContactIndex, row.Received, row.Dispatched, row.Resolved));
        var after = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await op.GetStringAsync(url));
        Assert.True(after.GetElementById("received-1")!.HasAttribute("checked"));
        Assert.False(after.GetElementById("dispatched-1")!.HasAttribute("checked"));
        Assert.False(after.GetElementById("received-0")!.HasAttribute("checked"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NotificationTestsSqlite(SqliteAppFixture f) : NotificationTests(f);

[Collection(PostgresCollection.Name)]
public sealed class NotificationTestsPostgres(PostgresAppFixture f) : NotificationTests(f), IPostgresTests;
