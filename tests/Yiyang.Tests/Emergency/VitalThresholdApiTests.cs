using System.Net;
using System.Net.Http.Json;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Emergency;

public abstract class VitalThresholdApiTests(AppFixture fixture) : EmergencyTestBase(fixture)
{
    private static async Task<HttpResponseMessage> Put(HttpClient c, long elderId, object body, int? ifMatch = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Put, $"/api/vital-thresholds/{elderId}") { Content = JsonContent.Create(body, options: JsonApi.Json) };
        if (ifMatch is not null) req.Headers.TryAddWithoutValidation("If-Match", $"W/\"{ifMatch}\"");
        return await c.SendAsync(req);
    }

    [DbFact]
    public async Task The_responsible_doctor_sets_an_elders_thresholds_and_readings_follow_them()
    {
        var d = await Device("bp-meter");
        var doctor = await As("doctor");
        var before = await doctor.GetJson($"/api/vital-thresholds/{d.ElderId}");
        Assert.False((bool)before["custom"]!);
        Assert.Equal(180, (int)before["systolicHigh"]!);

        using (var set = await Put(doctor, d.ElderId, new { systolicHigh = 160 }))
        {
            await set.ShouldBe(HttpStatusCode.OK);
            var t = await set.ReadJson();
            Assert.True((bool)t["custom"]!);
            Assert.Equal(160, (int)t["systolicHigh"]!);
            Assert.Equal(90, (int)t["systolicLow"]!); // left out: the default
        }
        var reading = await d.Client.PostJson("/api/readings",
            new { deviceId = d.Id, readings = new[] { new { messageId = "t1", at = DateTimeOffset.UtcNow, systolic = 165, diastolic = 95 } } }, HttpStatusCode.Accepted);
        var incident = Assert.Single(reading["incidentIds"]!.AsArray())!.GetValue<long>();
        Assert.Contains("（≥ 160）", (string)(await doctor.GetJson($"/api/incidents/{incident}"))["summary"]!);

        // a change takes the version read
        using (var stale = await Put(doctor, d.ElderId, new { systolicHigh = 170 }, ifMatch: 5))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using (var ok = await Put(doctor, d.ElderId, new { systolicHigh = 170 }, ifMatch: 0))
            Assert.Equal(170, (int)(await ok.ReadJson())["systolicHigh"]!);
    }

    [DbFact]
    public async Task Only_the_responsible_doctor_sets_thresholds_and_bad_values_are_400()
    {
        var elder = await JinhuaElder();
        using (var op = await Put(await As("operator"), elder, new { systolicHigh = 160 }))
            await op.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var other = await Put(await As("hbdoctor"), elder, new { systolicHigh = 160 }))
            await other.ShouldBeProblem(HttpStatusCode.NotFound);
        using var bad = await Put(await As("doctor"), elder, new { systolicHigh = 300, pulseLow = 10, glucoseLow = 3.85 });
        var p = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
        foreach (var f in new[] { "systolicHigh", "pulseLow", "glucoseLow" }) Assert.True(JsonApi.IsChinese(p.FieldErrors(f)[0]));
        Assert.False((bool)(await (await As("doctor")).GetJson($"/api/vital-thresholds/{elder}"))["custom"]!);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class VitalThresholdApiTestsSqlite(SqliteAppFixture f) : VitalThresholdApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class VitalThresholdApiTestsPostgres(PostgresAppFixture f) : VitalThresholdApiTests(f), IPostgresTests;
