using System.Net;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Inbox;

/// <summary>Dangerous vitals at a home visit: marked on the visit, in the responsible doctor's inbox and at the call centre, once.</summary>
public abstract class VitalAlertApiTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Visits = "/api/home-visits";

    /// <summary>A new doctor account of the 金华 centre.</summary>
    private async Task<(string UserName, long Id, HttpClient Client)> NewJinhuaDoctor()
    {
        var userName = "vdoc" + Guid.NewGuid().ToString("N")[..8];
        var user = await (await As("security")).PostJson("/api/users", new
        {
            userName,
            displayName = "签约医生",
            password = AppFactory.DemoPassword,
            role = "doctor",
            organizationId = await JinhuaId(),
        }, HttpStatusCode.Created);
        return (userName, user.Id(), await Factory.ClientFor(userName));
    }

    /// <summary>Signs the elder with a new 金华 team whose leading general practitioner is the given account.</summary>
    private Task SignWith(long elderId, long doctorUserId) => SignWithNewTeam(elderId, TestData.Name("体征团队"),
    [
        new { name = "签约医生", role = "general-practitioner", isLeader = true, userId = doctorUserId },
        new { name = "团队护士", role = "nurse", isLeader = false },
    ]);

    private async Task<long> CheckedInVisit(long elderId)
    {
        var doctor = await As("doctor");
        var visit = await doctor.PostJson(Visits, new { elderId, source = "ad-hoc", services = Array.Empty<object>() }, HttpStatusCode.Created);
        await doctor.PostJson($"{Visits}/{visit.Id()}/check-in", new { }, HttpStatusCode.OK);
        return visit.Id();
    }

    private static async Task<JsonNode> SaveVitals(HttpClient client, long visitId, object body)
    {
        using var r = await client.PutJson($"{Visits}/{visitId}/vitals", body);
        await r.ShouldBe(HttpStatusCode.OK);
        return await r.ReadJson();
    }

    private static async Task<List<JsonNode>> InboxAbout(HttpClient client, long visitId) =>
        [.. (await client.GetJson("/api/inbox"))["items"]!.AsArray().Select(x => x!).Where(x => (string)x["link"]! == $"/HomeCare/Visit/{visitId}")];

    private async Task<List<JsonNode>> IncidentsOf(long elderId) =>
        [.. (await (await As("operator")).GetJson("/api/incidents?open=true")).AsArray().Select(x => x!).Where(x => (long)x["elderId"]! == elderId)];

    [DbFact]
    public async Task A_dangerous_value_reaches_the_contract_doctor_and_the_call_centre_once_per_visit_and_field()
    {
        var elderId = await JinhuaElder();
        var (_, doctorId, contractDoctor) = await NewJinhuaDoctor();
        await SignWith(elderId, doctorId);
        var visitId = await CheckedInVisit(elderId);
        var nurse = await As("doctor");

        var saved = await SaveVitals(nurse, visitId, new { systolic = 185, diastolic = 95, pulse = 72 });
        Assert.Equal(["systolic"], saved["breaches"]!.AsArray().Select(b => (string)b!["field"]!));

        var inbox = await InboxAbout(contractDoctor, visitId);
        var message = Assert.Single(inbox);
        Assert.True((bool)message["unread"]!);
        Assert.Equal(elderId, (long)message["elderId"]!);
        Assert.Contains("收缩压 185", (string)message["text"]!);
        Assert.Empty(await InboxAbout(await As("doctor"), visitId)); // the contract doctor is told, not the whole centre

        var incident = Assert.Single(await IncidentsOf(elderId));
        Assert.Equal("vitals", (string)incident["kind"]!);
        Assert.Equal("上门服务体征", (string)incident["sourceName"]!);
        Assert.Equal($"/HomeCare/Visit/{visitId}", (string)incident["sourceLink"]!);
        var signals = (int)incident["signalCount"]!;

        // saved again with the same values: nothing new
        await SaveVitals(nurse, visitId, new { systolic = 185, diastolic = 95, pulse = 72 });
        Assert.Single(await InboxAbout(contractDoctor, visitId));
        Assert.Equal(signals, (int)Assert.Single(await IncidentsOf(elderId))["signalCount"]!);

        // a second field breaches: one more message, the systolic not again
        await SaveVitals(nurse, visitId, new { systolic = 190, diastolic = 95, pulse = 72, glucose = 2.5m });
        var both = await InboxAbout(contractDoctor, visitId);
        Assert.Equal(2, both.Count);
        Assert.Single(both, m => ((string)m["text"]!).Contains("血糖"));

        var list = await nurse.GetJson($"{Visits}?elderId={elderId}");
        Assert.True((bool)list["items"]![0]!["abnormalVitals"]!);

        // corrected values: the marks go, the messages stay
        var corrected = await SaveVitals(nurse, visitId, new { systolic = 150, diastolic = 90, pulse = 72, glucose = 6.0m });
        Assert.Empty(corrected["breaches"]!.AsArray());
        Assert.Equal(2, (await InboxAbout(contractDoctor, visitId)).Count);
    }

    [DbFact]
    public async Task Without_a_contract_the_visiting_organizations_doctors_are_told()
    {
        var elderId = await JinhuaElder();
        var visitId = await CheckedInVisit(elderId);
        await SaveVitals(await As("doctor"), visitId, new { spo2 = 85 });
        Assert.Single(await InboxAbout(await As("doctor"), visitId));
        Assert.Empty(await InboxAbout(await As("hbdoctor"), visitId));
    }

    [DbFact]
    public async Task Bad_vitals_are_a_400_and_nothing_is_written()
    {
        var elderId = await JinhuaElder();
        var visitId = await CheckedInVisit(elderId);
        var doctor = await As("doctor");
        using (var bad = await doctor.PutJson($"{Visits}/{visitId}/vitals", new { systolic = 185, diastolic = 190 }))
            Assert.NotEmpty((await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("diastolic"));
        using (var wrong = await doctor.PutJson($"{Visits}/{visitId}/vitals", new { systolic = 185, diastolic = 95, spo2 = 30 }))
            Assert.NotEmpty((await wrong.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("spo2"));
        Assert.Empty(await InboxAbout(doctor, visitId));
        Assert.Empty(await IncidentsOf(elderId));
        var visit = await doctor.GetJson($"{Visits}/{visitId}");
        Assert.Null(visit["vitals"]);
        Assert.Empty(visit["breaches"]!.AsArray());
    }

    [DbFact]
    public async Task Nobody_reads_or_marks_another_users_messages()
    {
        var elderId = await JinhuaElder();
        var visitId = await CheckedInVisit(elderId);
        var doctor = await As("doctor");
        await SaveVitals(doctor, visitId, new { temperature = 39.2m });
        var id = Assert.Single(await InboxAbout(doctor, visitId)).Id();

        var other = await As("hbdoctor");
        Assert.DoesNotContain((await other.GetJson("/api/inbox"))["items"]!.AsArray(), m => m!.Id() == id);
        using (var steal = await other.PostAsync($"/api/inbox/{id}/read", null))
            await steal.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.True((bool)Assert.Single(await InboxAbout(doctor, visitId))["unread"]!);

        var before = (int)(await doctor.GetJson("/api/inbox"))["unread"]!;
        var read = await doctor.PostJson($"/api/inbox/{id}/read", new { }, HttpStatusCode.OK);
        Assert.False((bool)read["unread"]!);
        Assert.Equal(before - 1, (int)(await doctor.GetJson("/api/inbox"))["unread"]!);
        await doctor.PostJson($"/api/inbox/{id}/read", new { }, HttpStatusCode.OK); // again: still read, no error
    }
}

[Collection(SqliteCollection.Name)]
public sealed class VitalAlertApiTestsSqlite(SqliteAppFixture f) : VitalAlertApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class VitalAlertApiTestsPostgres(PostgresAppFixture f) : VitalAlertApiTests(f), IPostgresTests;
