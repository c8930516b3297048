using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Emergency;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Emergency;

public abstract class IncidentApiTests(AppFixture fixture) : EmergencyTestBase(fixture)
{
    [DbFact]
    public async Task An_alarm_becomes_an_incident_that_is_acknowledged_dispatched_resolved_and_closed()
    {
        var d = await Device();
        var id = await AlarmIncident(d, "sos-" + Guid.NewGuid().ToString("N"));
        var op = await As("operator");
        var queue = (await op.GetJson("/api/incidents?open=true")).AsArray();
        var item = queue.Single(i => i!.Id() == id)!;
        Assert.Equal("new", (string)item["status"]!);
        Assert.Equal(1, (int)item["priority"]!);
        Assert.Equal("紧急呼叫", (string)item["kindName"]!);
        Assert.Contains("卧室床头", (string)item["summary"]!);
        Assert.Equal(["acknowledge"], item["actions"]!.AsArray().Select(a => (string)a!).ToList());

        using (var stale = await Step(op, id, "acknowledge", new { }, ifMatch: 7))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using (var early = await Step(op, id, "resolve", new { outcome = "false-alarm" }, ifMatch: 0))
            Assert.Equal("illegal-transition", (string)(await early.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);

        var ack = await StepOk(op, id, "acknowledge", new { note = "已回拨，老人称胸闷" }, 0);
        Assert.Equal("acknowledged", (string)ack["status"]!);
        Assert.NotNull(ack["answerSeconds"]);
        var sent = await StepOk(op, id, "dispatch", new { responderKind = "family-doctor-team", responderName = "金华社区家医团队" }, 1);
        Assert.Equal("dispatched", (string)sent["status"]!);
        Assert.Equal("family-doctor-team", (string)sent["dispatches"]![0]!["responderKind"]!);
        var more = await StepOk(op, id, "dispatch", new { responderKind = "ambulance-120" }, 2);
        Assert.Equal(2, more["dispatches"]!.AsArray().Count);
        await StepOk(op, id, "on-scene", new { }, 3);
        using (var noOutcome = await Step(op, id, "resolve", new { }, 4))
            Assert.True(JsonApi.IsChinese((await noOutcome.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("outcome")[0]));
        var resolved = await StepOk(op, id, "resolve", new { outcome = "hospital-via-120", note = "送区人民医院" }, 4);
        Assert.Equal("120 送医", (string)resolved["outcomeName"]!);
        var closed = await StepOk(op, id, "close", new { }, 5);
        Assert.Equal("closed", (string)closed["status"]!);
        Assert.Equal(["acknowledged", "dispatched", "on-scene", "resolved", "closed"], closed["steps"]!.AsArray().Select(s => (string)s!["code"]!).ToList());
        Assert.All(closed["steps"]!.AsArray(), s => Assert.Equal("operator", (string)s!["by"]!));
        Assert.Empty(closed["actions"]!.AsArray());

        // on the elder's timeline, and audited
        var timeline = await Db(db => db.TimelineEvents.AsNoTracking().Where(e => e.ElderId == d.ElderId && e.Module == "emergency").Select(e => e.Kind).ToListAsync());
        Assert.Contains("emergency.incident.opened", timeline);
        Assert.Contains("emergency.incident.closed", timeline);
        var audit = await (await As("auditor")).GetJson($"/api/audit?subjectId={id}&pageSize=50");
        var actions = audit["items"]!.AsArray().Select(e => (string)e!["action"]!).ToList();
        Assert.Contains("emergency.alarm.receive", actions);
        Assert.Contains("emergency.incident.dispatch", actions);
    }

    [DbFact]
    public async Task The_responsible_doctor_reads_but_does_not_work_incidents_and_others_get_404()
    {
        var d = await Device();
        var id = await AlarmIncident(d, "m-" + Guid.NewGuid().ToString("N"));
        var doctor = await As("doctor");
        var seen = await doctor.GetJson($"/api/incidents/{id}");
        Assert.Empty(seen["actions"]!.AsArray());
        using (var act = await Step(doctor, id, "acknowledge", new { }, 0))
            await act.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var other = await (await As("hbdoctor")).GetAsync($"/api/incidents/{id}"))
            await other.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await As("hbdoctor")).GetJson("/api/incidents")).AsArray(), i => i!.Id() == id);
    }

    [DbFact]
    public async Task A_replayed_message_answers_the_same_incident_and_stores_nothing_new()
    {
        var d = await Device();
        var message = "m-" + Guid.NewGuid().ToString("N");
        var first = await AlarmIncident(d, message);
        var again = await AlarmIncident(d, message);
        Assert.Equal(first, again);
        Assert.Equal(1, await Db(db => db.Set<EmergencyAlarm>().CountAsync(a => a.DeviceId == d.Id)));
        var incident = await Db(db => db.Set<EmergencyIncident>().AsNoTracking().SingleAsync(i => i.Id == first));
        Assert.Equal(1, incident.SignalCount);
    }

    [DbFact]
    public async Task Identical_posts_at_once_get_the_same_incident_and_one_row()
    {
        var d = await Device();
        var message = "race-" + Guid.NewGuid().ToString("N");
        var at = DateTimeOffset.UtcNow;
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Alarm(d.Client, d.Id, message, at: at)));
        var ids = new HashSet<long>();
        foreach (var r in responses)
        {
            await r.ShouldBe(HttpStatusCode.Accepted);
            ids.Add((long)(await r.ReadJson())["incidentId"]!);
            r.Dispose();
        }
        Assert.Single(ids);
        Assert.Equal(1, await Db(db => db.Set<EmergencyAlarm>().CountAsync(a => a.DeviceId == d.Id)));
    }

    [DbFact]
    public async Task Repeated_alarms_within_the_window_join_one_incident_and_a_fall_raises_its_priority()
    {
        var d = await Device();
        var first = await AlarmIncident(d, "a1", "bed-exit");
        var responses = await Task.WhenAll(Enumerable.Range(2, 5).Select(n => Alarm(d.Client, d.Id, "a" + n, "fall")));
        foreach (var r in responses)
        {
            await r.ShouldBe(HttpStatusCode.Accepted);
            Assert.Equal(first, (long)(await r.ReadJson())["incidentId"]!);
            r.Dispose();
        }
        var incident = await Db(db => db.Set<EmergencyIncident>().AsNoTracking().SingleAsync(i => i.Id == first));
        Assert.Equal(6, incident.SignalCount);
        Assert.Equal(1, incident.Priority);
        Assert.Equal(IncidentKind.Fall, incident.Kind);

        // after the window a new alarm opens a new incident
        try
        {
            Factory.Clock.Offset = TimeSpan.FromMinutes(11);
            using var later = await Alarm(d.Client, d.Id, "a9", at: DateTimeOffset.UtcNow.AddMinutes(11));
            await later.ShouldBe(HttpStatusCode.Accepted);
            Assert.NotEqual(first, (long)(await later.ReadJson())["incidentId"]!);
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }
    }

    [DbFact]
    public async Task Bad_alarms_are_400_with_field_errors_and_nothing_is_stored()
    {
        var d = await Device();
        using (var r = await d.Client.PostAsJsonAsync("/api/alarms", new { deviceId = d.Id, messageId = "有 空格", kind = "party", at = DateTimeOffset.UtcNow.AddHours(1) }, JsonApi.Json))
        {
            var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
            foreach (var f in new[] { "messageId", "kind", "at" }) Assert.True(JsonApi.IsChinese(p.FieldErrors(f)[0]));
        }
        using (var r = await d.Client.PostAsJsonAsync("/api/alarms", new { deviceId = d.Id }, JsonApi.Json))
            await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal(0, await Db(db => db.Set<EmergencyAlarm>().CountAsync(a => a.DeviceId == d.Id)));
        Assert.Equal(0, await Db(db => db.Set<EmergencyIncident>().CountAsync(i => i.DeviceId == d.Id)));
    }

    [DbFact]
    public async Task Readings_are_a_time_series_and_abnormal_ones_raise_one_vitals_incident()
    {
        var d = await Device("bp-meter");
        var now = DateTimeOffset.UtcNow;
        object R(string id, int sys, int dia, int minutes) => new { messageId = id, at = now.AddMinutes(minutes), systolic = sys, diastolic = dia, pulse = 80 };
        var batch = new { deviceId = d.Id, readings = new[] { R("r1", 130, 80, -30), R("r2", 186, 100, -20), R("r3", 192, 112, -10) } };
        var first = await d.Client.PostJson("/api/readings", batch, HttpStatusCode.Accepted);
        Assert.Equal(3, (int)first["stored"]!);
        var incident = Assert.Single(first["incidentIds"]!.AsArray())!.GetValue<long>();
        var replay = await d.Client.PostJson("/api/readings", batch, HttpStatusCode.Accepted);
        Assert.Equal(0, (int)replay["stored"]!);
        Assert.Equal(3, (int)replay["replayed"]!);
        Assert.Equal(incident, Assert.Single(replay["incidentIds"]!.AsArray())!.GetValue<long>());
        var rows = await Db(db => db.Set<EmergencyReading>().AsNoTracking().Where(r => r.ElderId == d.ElderId).OrderBy(r => r.MeasuredAt).ToListAsync());
        Assert.Equal(["r1", "r2", "r3"], rows.Select(r => r.MessageId).ToList());
        Assert.Equal([null, incident, incident], rows.Select(r => r.IncidentId).ToList());
        var i = await (await As("operator")).GetJson($"/api/incidents/{incident}");
        Assert.Equal("vitals", (string)i["kind"]!);
        Assert.Equal(2, (int)i["priority"]!);
        Assert.Equal(2, (int)i["signalCount"]!);
        Assert.Contains("收缩压 186 mmHg", (string)i["summary"]!);
    }

    [DbFact]
    public async Task A_batch_with_one_implausible_reading_is_refused_whole()
    {
        var d = await Device("pulse-oximeter");
        var now = DateTimeOffset.UtcNow;
        var batch = new
        {
            deviceId = d.Id,
            readings = new object?[] { new { messageId = "ok", at = now, spo2 = 85 }, new { messageId = "bad", at = now, spo2 = 30 }, new { messageId = "none", at = now } },
        };
        using var r = await d.Client.PostAsJsonAsync("/api/readings", batch, JsonApi.Json);
        var p = await r.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(JsonApi.IsChinese(p.FieldErrors("readings[1].spo2")[0]));
        Assert.True(JsonApi.IsChinese(p.FieldErrors("readings[2]")[0]));
        Assert.Equal(0, await Db(db => db.Set<EmergencyReading>().CountAsync(x => x.DeviceId == d.Id)));
        Assert.Equal(0, await Db(db => db.Set<EmergencyIncident>().CountAsync(x => x.DeviceId == d.Id)));
    }

    [DbFact]
    public async Task The_queue_puts_open_incidents_first_by_priority_then_age()
    {
        var low = await Device();
        var lowIncident = await AlarmIncident(low, "lb-" + Guid.NewGuid().ToString("N"), "device-fault");
        var sos = await Device();
        var sosIncident = await AlarmIncident(sos, "s-" + Guid.NewGuid().ToString("N"));
        var queue = (await (await As("operator")).GetJson("/api/incidents")).AsArray().Select(i => i!).ToList();
        Assert.True(queue.FindIndex(i => i.Id() == sosIncident) < queue.FindIndex(i => i.Id() == lowIncident));
        var priorities = queue.TakeWhile(i => (string)i["status"]! is not ("resolved" or "closed")).Select(i => (int)i["priority"]!).ToList();
        Assert.Equal(priorities.Order().ToList(), priorities);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class IncidentApiTestsSqlite(SqliteAppFixture f) : IncidentApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class IncidentApiTestsPostgres(PostgresAppFixture f) : IncidentApiTests(f), IPostgresTests;
