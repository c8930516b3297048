using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Emergency;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Emergency;

public abstract class ResponderApiTests(AppFixture fixture) : EmergencyTestBase(fixture)
{
    [DbFact]
    public async Task A_call_becomes_an_incident_that_the_contracted_team_accepts_reaches_and_resolves_and_the_operator_closes()
    {
        var (elderId, phone, _) = await ElderWithPhones();
        var teamName = await SignWithJinhuaTeam(elderId);
        var op = await As("operator");
        var call = await op.PostJson("/api/calls", new { callerNumber = phone, line = "12349" }, HttpStatusCode.Created);
        await op.PostJson($"/api/calls/{call.Id()}/match", new { elderId }, HttpStatusCode.OK);
        await op.PostJson($"/api/calls/{call.Id()}/triage", new { reason = "fall", answers = Answers("fall", "yes") }, HttpStatusCode.OK);
        var id = (long)(await op.PostJson($"/api/calls/{call.Id()}/complete", new { outcome = "incident" }, HttpStatusCode.OK))["incidentId"]!;
        await StepOk(op, id, "acknowledge", new { }, 0);

        var options = (await op.GetJson($"/api/incidents/{id}/responders")).AsArray();
        var team = options.Single(o => (string)o!["kind"]! == "family-doctor-team")!;
        Assert.Equal(teamName, (string)team["name"]!);
        Assert.True((bool)team["inbox"]!);
        Assert.Contains(options, o => (string)o!["kind"]! == "family-contact" && (string)o["name"]! == "儿子 张**");

        var sent = await StepOk(op, id, "dispatch", new { responderKind = "family-doctor-team" }, 1);
        var dispatch = sent["dispatches"]![0]!;
        Assert.Equal("sent", (string)dispatch["status"]!);
        Assert.Equal(teamName, (string)dispatch["responderName"]!);
        var dispatchId = dispatch.Id();

        // the team's organization sees it; another organization does not
        var nurse = await As("nurse");
        var task = (await nurse.GetJson("/api/dispatches/mine")).AsArray().Single(t => t!.Id() == dispatchId)!;
        Assert.Equal(["accept"], task["actions"]!.AsArray().Select(a => (string)a!).ToList());
        Assert.Equal(id, (long)task["incidentId"]!);
        var other = await As("hbdoctor");
        Assert.DoesNotContain((await other.GetJson("/api/dispatches/mine")).AsArray(), t => t!.Id() == dispatchId);
        using (var r = await other.PostAsJsonAsync($"/api/dispatches/{dispatchId}/accept", new { }, JsonApi.Json))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var r = await op.GetAsync("/api/dispatches/mine"))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);

        using (var early = await nurse.PostAsJsonAsync($"/api/dispatches/{dispatchId}/arrive", new { }, JsonApi.Json))
            await early.ShouldBeProblem(HttpStatusCode.Conflict);
        var accepted = await nurse.PostJson($"/api/dispatches/{dispatchId}/accept", new { version = 0 }, HttpStatusCode.OK);
        Assert.Equal("accepted", (string)accepted["status"]!);
        var arrived = await nurse.PostJson($"/api/dispatches/{dispatchId}/arrive", new { version = 1 }, HttpStatusCode.OK);
        Assert.Equal("on-scene", (string)arrived["incidentStatus"]!);
        using (var bad = await nurse.PostAsJsonAsync($"/api/dispatches/{dispatchId}/result", new { outcome = "device-serviced" }, JsonApi.Json))
            Assert.True(JsonApi.IsChinese((await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("outcome")[0]));
        var done = await nurse.PostJson($"/api/dispatches/{dispatchId}/result", new { outcome = "family-doctor-visit", note = "无骨折，已嘱陪护", version = 2 }, HttpStatusCode.OK);
        Assert.Equal("done", (string)done["status"]!);
        Assert.Equal("resolved", (string)done["incidentStatus"]!);

        var incident = await op.GetJson($"/api/incidents/{id}");
        Assert.Equal("family-doctor-visit", (string)incident["outcome"]!);
        Assert.Equal(["acknowledged", "dispatched", "on-scene", "resolved"], incident["steps"]!.AsArray().Select(s => (string)s!["code"]!).ToList());
        Assert.Equal("nurse", (string)incident["steps"]![2]!["by"]!);
        var closed = await StepOk(op, id, "close", new { }, (int)incident["version"]!);
        Assert.Equal("closed", (string)closed["status"]!);

        var audit = await (await As("auditor")).GetJson($"/api/audit?subjectId={dispatchId}&pageSize=50");
        var actions = audit["items"]!.AsArray().Select(e => (string)e!["action"]!).ToList();
        Assert.Contains("emergency.dispatch.accept", actions);
        Assert.Contains("emergency.dispatch.result", actions);
    }

    [DbFact]
    public async Task Without_a_contract_the_team_must_be_named_and_is_a_phone_hand_off_and_a_contact_is_picked_from_the_record()
    {
        var (elderId, phone, _) = await ElderWithPhones();
        var d = await Device(elderId: elderId);
        var id = await AlarmIncident(d, "m-" + Guid.NewGuid().ToString("N"));
        var op = await As("operator");
        await StepOk(op, id, "acknowledge", new { }, 0);
        using (var none = await Step(op, id, "dispatch", new { responderKind = "family-doctor-team" }, 1))
            Assert.Equal("no-responder", (string)(await none.ShouldBeProblem(HttpStatusCode.UnprocessableEntity))["code"]!);
        using (var wrong = await Step(op, id, "dispatch", new { responderKind = "family-contact", contactIndex = 5 }, 1))
            await wrong.ShouldBeProblem(HttpStatusCode.BadRequest);
        var named = await StepOk(op, id, "dispatch", new { responderKind = "family-doctor-team", responderName = "红旗街家医团队" }, 1);
        Assert.Equal("handed-off", (string)named["dispatches"]![0]!["status"]!);
        var contact = await StepOk(op, id, "dispatch", new { responderKind = "family-contact", contactIndex = 0 }, 2);
        Assert.Equal("儿子 张**", (string)contact["dispatches"]![1]!["responderName"]!);
        Assert.DoesNotContain(phone, contact.ToJsonString());
        Assert.Equal(0, await Db(db => db.Set<EmergencyDispatch>().CountAsync(x => x.IncidentId == id && x.ResponderOrganizationId != null)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ResponderApiTestsSqlite(SqliteAppFixture f) : ResponderApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ResponderApiTestsPostgres(PostgresAppFixture f) : ResponderApiTests(f), IPostgresTests;
