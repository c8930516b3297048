using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Emergency;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Emergency;

public abstract class CallApiTests(AppFixture fixture) : EmergencyTestBase(fixture)
{
    [DbFact]
    public async Task A_call_from_the_elders_number_is_matched_triaged_and_opens_an_incident_of_its_priority()
    {
        var (elderId, phone, _) = await ElderWithPhones();
        var op = await As("operator");
        var call = await op.PostJson("/api/calls", new { callerNumber = phone, line = "12349" }, HttpStatusCode.Created);
        Assert.Equal("open", (string)call["status"]!);
        Assert.DoesNotContain(phone, call.ToJsonString()); // masked only
        var candidate = call["candidates"]!.AsArray().Single()!;
        Assert.Equal(elderId, (long)candidate["elderId"]!);
        Assert.Equal("elder", (string)candidate["match"]!);

        var id = call.Id();
        var matched = await op.PostJson($"/api/calls/{id}/match", new { elderId, version = 0 }, HttpStatusCode.OK);
        Assert.Equal("本人", (string)matched["callerRelation"]!);
        using (var bad = await op.PostAsJsonAsync($"/api/calls/{id}/triage", new { reason = "chest-pain", answers = new { } }, JsonApi.Json))
            Assert.NotEmpty((await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("answers.over-15-minutes"));
        using (var early = await op.PostAsJsonAsync($"/api/calls/{id}/complete", new { outcome = "incident" }, JsonApi.Json))
            Assert.Equal("call-untriaged", (string)(await early.ShouldBeProblem(HttpStatusCode.UnprocessableEntity))["code"]!);
        var triaged = await op.PostJson($"/api/calls/{id}/triage", new { reason = "chest-pain", answers = Answers("chest-pain", "yes") }, HttpStatusCode.OK);
        Assert.Equal(1, (int)triaged["priority"]!);
        Assert.All(triaged["triage"]!.AsArray(), a => Assert.True((bool)a!["redFlag"]!));
        var done = await op.PostJson($"/api/calls/{id}/complete", new { outcome = "incident", version = 2 }, HttpStatusCode.OK);
        Assert.Equal("ended", (string)done["status"]!);
        Assert.False((bool)done["joinedIncident"]!);

        var incident = await op.GetJson($"/api/incidents/{(long)done["incidentId"]!}");
        Assert.Equal("sos", (string)incident["kind"]!);
        Assert.Equal(1, (int)incident["priority"]!);
        Assert.Contains("胸痛", (string)incident["summary"]!);
        Assert.Equal(elderId, (long)incident["elderId"]!);

        // stored only encrypted, hashed and masked; audited
        var stored = await Db(db => db.Set<EmergencyCall>().AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.NotNull(stored.CallerCipher);
        Assert.DoesNotContain(phone, System.Text.Encoding.UTF8.GetString(stored.CallerCipher!));
        var audit = await (await As("auditor")).GetJson($"/api/audit?subjectId={id}&pageSize=50");
        var actions = audit["items"]!.AsArray().Select(e => (string)e!["action"]!).ToList();
        Assert.Contains("emergency.call.open", actions);
        Assert.Contains("emergency.call.complete", actions);
    }

    [DbFact]
    public async Task A_contacts_number_matches_once_the_elder_is_monitored_and_a_second_call_joins_the_open_incident()
    {
        var (elderId, _, contact) = await ElderWithPhones();
        await Device(elderId: elderId); // binding a device indexes the record's contacts
        var op = await As("operator");
        var call = await op.PostJson("/api/calls", new { callerNumber = contact }, HttpStatusCode.Created);
        var candidate = call["candidates"]!.AsArray().Single()!;
        Assert.Equal("contact", (string)candidate["match"]!);
        Assert.Equal("儿子", (string)candidate["relation"]!);
        Assert.Equal("张**", (string)candidate["contactName"]!);
        var first = await CallToIncident(op, call.Id(), elderId, "fall", "no");
        var incident = await op.GetJson($"/api/incidents/{first}");
        Assert.Equal(2, (int)incident["priority"]!); // a fall without red flags
        Assert.Equal("fall", (string)incident["kind"]!);

        var again = await op.PostJson("/api/calls", new { callerNumber = contact }, HttpStatusCode.Created);
        Assert.Equal(first, (long?)again["candidates"]![0]!["openIncidentId"]);
        var second = await CallToIncident(op, again.Id(), elderId, "fall", "yes");
        Assert.Equal(first, second);
        var joined = await op.GetJson($"/api/incidents/{first}");
        Assert.Equal(2, (int)joined["signalCount"]!);
        Assert.Equal(1, (int)joined["priority"]!); // the red flags raised it
    }

    private static async Task<long> CallToIncident(HttpClient op, long callId, long elderId, string reason, string answer)
    {
        await op.PostJson($"/api/calls/{callId}/match", new { elderId }, HttpStatusCode.OK);
        await op.PostJson($"/api/calls/{callId}/triage", new { reason, answers = Answers(reason, answer) }, HttpStatusCode.OK);
        var done = await op.PostJson($"/api/calls/{callId}/complete", new { outcome = "incident" }, HttpStatusCode.OK);
        return (long)done["incidentId"]!;
    }

    [DbFact]
    public async Task An_unknown_caller_is_registered_for_the_elder_and_matches_the_next_time()
    {
        var elderId = await JinhuaElder();
        var neighbour = TestData.Phone();
        var op = await As("operator");
        var call = await op.PostJson("/api/calls", new { callerNumber = neighbour }, HttpStatusCode.Created);
        Assert.Empty(call["candidates"]!.AsArray());
        using (var noRelation = await op.PostAsJsonAsync($"/api/calls/{call.Id()}/match", new { elderId }, JsonApi.Json))
            Assert.True(JsonApi.IsChinese((await noRelation.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("relation")[0]));
        var matched = await op.PostJson($"/api/calls/{call.Id()}/match", new { elderId, relation = "邻居" }, HttpStatusCode.OK);
        Assert.Equal("registered", (string)matched["match"]!);
        var ended = await op.PostJson($"/api/calls/{call.Id()}/complete", new { outcome = "advice-by-phone", note = "已指导" }, HttpStatusCode.OK);
        Assert.Null(ended["incidentId"]);
        using (var twice = await op.PostAsJsonAsync($"/api/calls/{call.Id()}/complete", new { outcome = "information" }, JsonApi.Json))
            await twice.ShouldBeProblem(HttpStatusCode.Conflict);

        var next = await op.PostJson("/api/calls", new { callerNumber = neighbour }, HttpStatusCode.Created);
        var c = next["candidates"]!.AsArray().Single()!;
        Assert.Equal(elderId, (long)c["elderId"]!);
        Assert.Equal("邻居", (string)c["relation"]!);
    }

    [DbFact]
    public async Task The_gateway_pushes_a_ringing_call_that_one_operator_answers()
    {
        var secret = AddGateway("6102");
        var (elderId, phone, _) = await ElderWithPhones();
        var gateway = Factory.Anonymous();
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var r = await gateway.PostAsJsonAsync("/api/calls/incoming", new { callerNumber = phone, line = "12349-1", at = DateTimeOffset.UtcNow }, JsonApi.Json);
        await r.ShouldBe(HttpStatusCode.Created);
        var callId = (long)(await r.ReadJson())["callId"]!;

        var op = await As("operator");
        var ringing = (await op.GetJson("/api/calls?open=true")).AsArray().Single(c => c!.Id() == callId)!;
        Assert.Equal("ringing", (string)ringing["status"]!);
        var pop = await op.GetJson($"/api/calls/{callId}");
        Assert.Equal(elderId, (long)pop["candidates"]![0]!["elderId"]!);
        Assert.Equal(["answer"], pop["actions"]!.AsArray().Select(a => (string)a!).ToList());
        using (var notYet = await op.PostAsJsonAsync($"/api/calls/{callId}/match", new { elderId }, JsonApi.Json))
            await notYet.ShouldBeProblem(HttpStatusCode.Conflict);
        var answered = await op.PostJson($"/api/calls/{callId}/answer", new { }, HttpStatusCode.OK);
        Assert.Equal("operator", (string)answered["answeredBy"]!);
        using (var second = await (await As("city")).PostAsJsonAsync($"/api/calls/{callId}/answer", new { }, JsonApi.Json))
            await second.ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [DbFact]
    public async Task The_gateway_endpoint_takes_only_a_gateway_secret()
    {
        AddGateway("6102");
        var body = new { callerNumber = "13900001111", line = "12349", at = DateTimeOffset.UtcNow };
        using (var user = await (await As("operator")).PostAsJsonAsync("/api/calls/incoming", body, JsonApi.Json))
            await user.ShouldBeProblem(HttpStatusCode.Forbidden);
        var wrong = Factory.Anonymous();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "yyg_" + new string('x', 43));
        using (var unknown = await wrong.PostAsJsonAsync("/api/calls/incoming", body, JsonApi.Json))
            await unknown.ShouldBeProblem(HttpStatusCode.Unauthorized);
        var count = await Db(db => db.Set<EmergencyCall>().CountAsync());
        var gateway = Factory.Anonymous();
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AddGateway("6102"));
        using (var bad = await gateway.PostAsJsonAsync("/api/calls/incoming", new { callerNumber = "abc", line = "", at = DateTimeOffset.UtcNow.AddDays(-3) }, JsonApi.Json))
        {
            var problem = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem.FieldErrors("callerNumber"));
            Assert.NotEmpty(problem.FieldErrors("line"));
            Assert.NotEmpty(problem.FieldErrors("at"));
        }
        Assert.Equal(count, await Db(db => db.Set<EmergencyCall>().CountAsync()));
    }

    [DbFact]
    public async Task Only_the_call_centre_works_calls_and_calls_of_another_region_are_not_found()
    {
        var op = await As("operator");
        var call = await op.PostJson("/api/calls", new { callerNumber = TestData.Phone() }, HttpStatusCode.Created);
        using (var doctor = await (await As("doctor")).GetAsync($"/api/calls/{call.Id()}"))
            await doctor.ShouldBeProblem(HttpStatusCode.Forbidden);
        // a call of another city's line
        var other = await Db(async db =>
        {
            var c = new EmergencyCall { OpenedBy = "gateway:x", Status = CallStatus.Ringing, ReceivedAt = DateTimeOffset.UtcNow, RegionCode = "6103", UpdatedAt = DateTimeOffset.UtcNow };
            db.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        using (var r = await op.GetAsync($"/api/calls/{other}"))
            await r.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await op.GetJson("/api/calls")).AsArray(), c => c!.Id() == other);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CallApiTestsSqlite(SqliteAppFixture f) : CallApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class CallApiTestsPostgres(PostgresAppFixture f) : CallApiTests(f), IPostgresTests;
