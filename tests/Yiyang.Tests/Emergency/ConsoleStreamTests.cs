using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.Emergency;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Emergency;

public sealed class EventCursorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 8, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_id_skipped_over_is_asked_for_again_until_it_appears()
    {
        var c = new EventCursor(10);
        c.Advance([11, 13, 14], T0);
        Assert.Equal(14, c.Last);
        Assert.Equal([12L], c.Holes);
        c.Advance([12, 15], T0.AddSeconds(1));
        Assert.Equal(15, c.Last);
        Assert.Empty(c.Holes);
    }

    [Fact]
    public void A_hole_that_never_fills_is_given_up_after_its_life_and_the_cursor_never_goes_back()
    {
        var c = new EventCursor(0);
        c.Advance([2], T0);
        Assert.Equal([1L], c.Holes);
        c.Advance([], T0 + EventCursor.HoleLife + TimeSpan.FromSeconds(1));
        Assert.Empty(c.Holes);
        Assert.Equal(2, c.Last);
        c.Advance([1], T0.AddMinutes(2)); // a late straggler does not move the cursor back
        Assert.Equal(2, c.Last);
    }

    [Fact]
    public void A_sequence_jump_chases_a_bounded_number_of_holes_and_a_negative_start_is_the_beginning()
    {
        var c = new EventCursor(-5);
        Assert.Equal(0, c.Last);
        c.Advance([1_000_000], T0);
        Assert.Equal(EventCursor.MaxHoles, c.Holes.Count);
        Assert.Equal(1_000_000, c.Last);
    }

    [Theory]
    [InlineData("42", null, 42L)]
    [InlineData("42", 7L, 42L)]
    [InlineData(null, 7L, 7L)]
    [InlineData("x", 7L, 7L)]
    [InlineData("-1", null, null)]
    [InlineData(null, -3L, null)]
    public void The_browser_s_Last_Event_ID_wins_over_the_page_s_position(string? header, long? after, long? expected) =>
        Assert.Equal(expected, IncidentStream.Resume(header, after));
}

/// <summary>The operators' console stream (<c>GET /api/incidents/stream</c>): replay, resume, scope, and the triggers that feed it.</summary>
public abstract class ConsoleStreamTests(AppFixture fixture) : EmergencyTestBase(fixture)
{
    private sealed record Received(string Type, string Id, JsonNode Data);

    /// <summary>Reads the stream until it ends (the tests' streams last 2 s) or <paramref name="enough"/> holds.</summary>
    private static async Task<List<Received>> ReadAsync(HttpClient c, string url, string? lastEventId = null, Func<List<Received>, bool>? enough = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null) req.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        using var r = await c.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/event-stream", r.Content.Headers.ContentType?.MediaType);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var body = await r.Content.ReadAsStreamAsync(timeout.Token);
        var got = new List<Received>();
        await foreach (var item in SseParser.Create(body).EnumerateAsync(timeout.Token))
        {
            got.Add(new Received(item.EventType, item.EventId ?? "", JsonNode.Parse(item.Data)!));
            if (enough?.Invoke(got) == true) break;
        }
        return got;
    }

    private static async Task<long> PositionAsync(HttpClient c)
    {
        var ready = (await ReadAsync(c, "/api/incidents/stream", enough: g => g.Count == 1)).Single();
        Assert.Equal("ready", ready.Type);
        return long.Parse(ready.Id);
    }

    private static List<Received> Of(List<Received> got, long incidentId) =>
        [.. got.Where(e => e.Type == "incident" && (long?)e.Data["incidentId"] == incidentId)];

    [DbFact]
    public async Task The_stream_replays_changes_after_a_position_and_a_reconnect_with_Last_Event_ID_gets_only_what_came_later()
    {
        var op = await As("operator");
        var from = await PositionAsync(op);
        var d = await Device();
        var id = await AlarmIncident(d, "stream-" + Guid.NewGuid().ToString("N"));
        await StepOk(op, id, "acknowledge", new { note = "已回拨" }, 0);

        var got = await ReadAsync(op, $"/api/incidents/stream?after={from}");
        Assert.Equal("ready", got[0].Type);
        Assert.Equal(from.ToString(), got[0].Id);
        var mine = Of(got, id);
        Assert.Equal(["opened", "updated"], mine.Select(e => (string)e.Data["change"]!).ToList());
        Assert.Equal(1, (int)mine[0].Data["priority"]!);
        Assert.True(long.Parse(mine[0].Id) < long.Parse(mine[1].Id));
        Assert.DoesNotContain("summary", mine[0].Data.ToJsonString()); // ids and codes only: the console reads the incident in scope

        var later = await ReadAsync(op, $"/api/incidents/stream?after={from}", lastEventId: mine[0].Id);
        Assert.Equal(["updated"], Of(later, id).Select(e => (string)e.Data["change"]!).ToList());
    }

    [DbFact]
    public async Task A_console_hears_a_change_made_while_it_listens_and_resumes_after_the_stream_ends()
    {
        var op = await As("operator");
        var from = await PositionAsync(op);
        var d = await Device();
        var opened = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool Heard(List<Received> g) => opened.Task.IsCompleted && Of(g, opened.Task.Result).Any(e => (string)e.Data["change"]! == "opened");
        var listening = Task.Run(async () =>
        {
            // the browser's way: reconnect with the last id seen until the incident shows up (each test stream lasts 2 s)
            var last = from.ToString();
            for (var round = 0; round < 15; round++)
            {
                var got = await ReadAsync(op, "/api/incidents/stream", lastEventId: last, enough: Heard);
                if (Heard(got)) return round;
                last = got.Last().Id;
                Assert.True(long.Parse(last) >= from); // a resumed stream starts where the last one stood
            }
            return -1;
        });
        opened.SetResult(await AlarmIncident(d, "live-" + Guid.NewGuid().ToString("N")));
        Assert.True(await listening >= 0, "the console never heard the new incident");
        // replaying from the start position finds this incident opened exactly once
        var all = await ReadAsync(op, $"/api/incidents/stream?after={from}");
        Assert.Single(Of(all, opened.Task.Result), e => (string)e.Data["change"]! == "opened");
    }

    [DbFact]
    public async Task An_operator_of_another_region_hears_nothing_of_the_elder_and_calls_reach_only_those_who_take_them()
    {
        var op = await As("operator");
        var from = await PositionAsync(op);
        var security = await As("security");
        var name = "stream" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Stream-2026-pass!";
        await security.PostJson("/api/users", new { userName = name, displayName = "宝鸡坐席", password, role = "call-operator", regionCode = "6103" }, HttpStatusCode.Created);
        var other = await Factory.ClientFor(name, password);

        var d = await Device();
        var id = await AlarmIncident(d, "scope-" + Guid.NewGuid().ToString("N"));
        var taken = await op.PostJson("/api/calls", new { callerNumber = TestData.Phone(), line = "12349" }, HttpStatusCode.Created);
        var gateway = Factory.Anonymous();
        gateway.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AddGateway("6102"));
        var ringing = await gateway.PostJson("/api/calls/incoming", new { callerNumber = TestData.Phone(), line = "12349-2", at = DateTimeOffset.UtcNow }, HttpStatusCode.Created);

        var theirs = await ReadAsync(other, $"/api/incidents/stream?after={from}");
        Assert.Empty(Of(theirs, id));
        var ours = await ReadAsync(op, $"/api/incidents/stream?after={from}");
        Assert.Single(Of(ours, id));
        Assert.Contains(ours, e => e.Type == "call" && (long?)e.Data["callId"] == (long)ringing["callId"]! && (string)e.Data["change"]! == "ringing");
        Assert.Contains(ours, e => e.Type == "call" && (long?)e.Data["callId"] == taken.Id() && (string)e.Data["change"]! == "call"); // taken by the operator: no ring
        // a doctor reads incidents in scope but takes no calls
        var doctor = await ReadAsync(await As("doctor"), $"/api/incidents/stream?after={from}");
        Assert.DoesNotContain(doctor, e => e.Type == "call");
    }

    [DbFact]
    public async Task The_triggers_write_one_event_per_committed_change_and_none_for_a_refused_one()
    {
        var d = await Device();
        var id = await AlarmIncident(d, "trig-" + Guid.NewGuid().ToString("N"));
        var op = await As("operator");
        Task<List<string>> Changes() => Db(async db => await db.Set<EmergencyEvent>().AsNoTracking().Where(e => e.IncidentId == id)
            .OrderBy(e => e.Id).Select(e => e.Change).ToListAsync());
        Assert.Equal(["opened"], await Changes());

        using (var stale = await Step(op, id, "acknowledge", new { }, ifMatch: 9))
            await stale.ShouldBe(HttpStatusCode.PreconditionFailed);
        using (var early = await Step(op, id, "resolve", new { outcome = "false-alarm" }))
            await early.ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal(["opened"], await Changes());

        try
        {
            Factory.Clock.Offset = TimeSpan.FromSeconds(61);
            await Factory.WithScope(sp => sp.GetRequiredService<EscalationCheck>().RunAsync(CancellationToken.None));
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }
        Assert.Equal(["opened", "escalated"], await Changes());
        await StepOk(op, id, "acknowledge", new { }, 0);
        Assert.Equal(["opened", "escalated", "updated"], await Changes());
    }

    [DbFact]
    public async Task The_queue_page_starts_the_stream_after_the_position_it_was_read_at_and_its_queue_part_reloads_alone()
    {
        var d = await Device();
        var id = await AlarmIncident(d, "page-" + Guid.NewGuid().ToString("N"));
        using var op = await PageClient.LoggedIn(Factory, "operator");
        var page = new HtmlParser().ParseDocument(await op.GetStringAsync("/Emergency"));
        var console = page.GetElementById("console")!;
        var after = long.Parse(console.GetAttribute("data-after")!);
        var latest = await Db(db => db.Set<EmergencyEvent>().MaxAsync(e => e.Id));
        Assert.True(after >= (await Db(db => db.Set<EmergencyEvent>().Where(e => e.IncidentId == id).MaxAsync(e => e.Id))) && after <= latest);
        Assert.NotNull(page.QuerySelector($"#queue tr[data-incident='{id}']"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/emergency-console.js']"));

        var part = await op.GetStringAsync("/Emergency?handler=Queue");
        Assert.DoesNotContain("<html", part);
        Assert.NotNull(new HtmlParser().ParseDocument(part).QuerySelector($"tr[data-incident='{id}']"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConsoleStreamTestsSqlite(SqliteAppFixture f) : ConsoleStreamTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ConsoleStreamTestsPostgres(PostgresAppFixture f) : ConsoleStreamTests(f), IPostgresTests;
