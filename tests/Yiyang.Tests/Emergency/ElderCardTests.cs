using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Emergency;

/// <summary>老人信息卡 beside an incident: full address and phones for the operator while it is open, audited; masked otherwise.</summary>
public abstract class ElderCardTests(AppFixture fixture) : EmergencyTestBase(fixture)
{
    private async Task<JsonArray> AuditEntries(string query)
    {
        var auditor = await As("auditor");
        JsonArray entries = [];
        for (var i = 0; i < 50 && entries.Count == 0; i++) // view entries are written in the background
        {
            entries = (await auditor.GetJson("/api/audit?" + query))["items"]!.AsArray();
            if (entries.Count == 0) await Task.Delay(100);
        }
        return entries;
    }

    [DbFact]
    public async Task The_operator_sees_whom_to_call_and_where_while_the_incident_is_open_and_each_view_is_audited()
    {
        var (elderId, phone, contact) = await ElderWithPhones();
        var d = await Device("bp-meter", elderId);
        var now = DateTimeOffset.UtcNow;
        await d.Client.PostJson("/api/readings", new
        {
            deviceId = d.Id,
            readings = new[] { new { messageId = "c1", at = now.AddMinutes(-5), systolic = 192, diastolic = 112, pulse = 96 } },
        }, HttpStatusCode.Accepted);
        var id = (await (await As("operator")).GetJson("/api/incidents?open=true")).AsArray().First(i => (long)i!["elderId"]! == elderId)!.Id();

        var card = await (await As("operator")).GetJson($"/api/incidents/{id}/elder-card");
        Assert.True((bool)card["revealed"]!);
        Assert.Equal(phone, (string)card["phone"]!);
        var c = card["contacts"]!.AsArray().Single()!;
        Assert.Equal(contact, (string)c["phone"]!);
        Assert.Equal("儿子", (string)c["relation"]!);
        Assert.Contains("血压 192/112 mmHg", (string)card["recentReadings"]![0]!["text"]!);
        Assert.Contains("过敏史", card["notRecorded"]!.AsArray().Select(x => (string)x!));
        Assert.NotEmpty(await AuditEntries($"action=emergency.elder-card.reveal&elderId={elderId}"));

        // a doctor reads the incident but does not work it: masked
        var masked = await (await As("doctor")).GetJson($"/api/incidents/{id}/elder-card");
        Assert.False((bool)masked["revealed"]!);
        Assert.NotEqual(phone, (string?)masked["phone"]);
        Assert.Null(masked["contacts"]![0]!["phone"]);
        Assert.Contains("*", (string)masked["contacts"]![0]!["phoneMasked"]!);

        // the incident page shows the card with tap-to-call links
        using var op = await PageClient.LoggedIn(Factory, "operator");
        var doc = new HtmlParser().ParseDocument(await op.GetStringAsync($"/Emergency/Incidents/{id}"));
        Assert.NotNull(doc.QuerySelector($"#elder-card a[href='tel:{contact}']"));
        Assert.Contains("血压 192/112", doc.GetElementById("card-readings")!.TextContent);
    }

    [DbFact]
    public async Task A_settled_incident_shows_the_card_masked_and_an_incident_out_of_scope_is_not_found()
    {
        var (elderId, phone, _) = await ElderWithPhones();
        var d = await Device(elderId: elderId);
        var id = await AlarmIncident(d, "card-" + Guid.NewGuid().ToString("N"));
        var op = await As("operator");
        await StepOk(op, id, "acknowledge", new { }, 0);
        await StepOk(op, id, "resolve", new { outcome = "false-alarm", note = "误触" }, 1);
        var card = await op.GetJson($"/api/incidents/{id}/elder-card");
        Assert.False((bool)card["revealed"]!);
        Assert.NotEqual(phone, (string?)card["phone"]);

        using var other = await (await As("operator")).GetAsync("/api/incidents/999999999/elder-card");
        await other.ShouldBeProblem(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ElderCardTestsSqlite(SqliteAppFixture f) : ElderCardTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ElderCardTestsPostgres(PostgresAppFixture f) : ElderCardTests(f), IPostgresTests;
