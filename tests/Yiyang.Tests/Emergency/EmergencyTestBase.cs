using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Emergency;

/// <summary>What the emergency tests share: a device bound to a fresh 金华 elder, and a client that speaks with its secret.</summary>
public abstract class EmergencyTestBase(AppFixture fixture) : ApiTestBase(fixture)
{
    protected sealed record TestDevice(long Id, string Secret, long ElderId, HttpClient Client);

    protected async Task<TestDevice> Device(string kind = "sos-button", long? elderId = null, int? heartbeatSeconds = null, string user = "operator")
    {
        var elder = elderId ?? await JinhuaElder();
        var body = new Dictionary<string, object?>
        {
            ["elderId"] = elder,
            ["kind"] = kind,
            ["serial"] = "SN-" + Guid.NewGuid().ToString("N")[..12],
            ["installedAt"] = "卧室床头",
        };
        if (heartbeatSeconds is not null) body["heartbeatSeconds"] = heartbeatSeconds;
        var d = await (await As(user)).PostJson("/api/devices", body, HttpStatusCode.Created);
        var secret = (string)d["secret"]!;
        return new TestDevice(d.Id(), secret, elder, DeviceClient(secret));
    }

    /// <summary>A 金华 elder with their own number and one contact (儿子) with another.</summary>
    protected async Task<(long ElderId, string Phone, string ContactPhone)> ElderWithPhones()
    {
        var phone = TestData.Phone();
        var contact = TestData.Phone();
        var body = ElderBody(phone: phone, orgId: await JinhuaId());
        body["contacts"] = new[] { new { name = "张建国", relation = "儿子", phone = contact } };
        return ((await CreateElder(body)).Id(), phone, contact);
    }

    protected static Dictionary<string, string> Answers(string reason, string answer) =>
        Yiyang.Modules.Emergency.TriageScripts.Script(Yiyang.Modules.Emergency.TriageScripts.ParseReason(reason)!.Value).ToDictionary(q => q.Code, _ => answer);

    /// <summary>Signs the elder with a new team of the 金华 centre (the demo doctor's) and returns the team's name.</summary>
    protected async Task<string> SignWithJinhuaTeam(long elderId)
    {
        var teamName = TestData.Name("应急团队");
        await SignWithNewTeam(elderId, teamName, [new { name = "李建华", role = "general-practitioner", isLeader = true }]);
        return teamName;
    }

    protected HttpClient DeviceClient(string secret)
    {
        var c = Factory.Anonymous();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return c;
    }

    protected static Task<HttpResponseMessage> Alarm(HttpClient c, long deviceId, string messageId, string kind = "sos", DateTimeOffset? at = null) =>
        c.PostAsJsonAsync("/api/alarms", new { deviceId, messageId, kind, at = at ?? DateTimeOffset.UtcNow }, JsonApi.Json);

    protected static async Task<long> AlarmIncident(TestDevice d, string messageId, string kind = "sos")
    {
        using var r = await Alarm(d.Client, d.Id, messageId, kind);
        await r.ShouldBe(HttpStatusCode.Accepted);
        return (long)(await r.ReadJson())["incidentId"]!;
    }

    protected static async Task<HttpResponseMessage> Step(HttpClient c, long id, string step, object body, int? ifMatch = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/{step}") { Content = JsonContent.Create(body, options: JsonApi.Json) };
        if (ifMatch is not null) req.Headers.TryAddWithoutValidation("If-Match", $"W/\"{ifMatch}\"");
        return await c.SendAsync(req);
    }

    protected static async Task<JsonNode> StepOk(HttpClient c, long id, string step, object body, int version)
    {
        using var r = await Step(c, id, step, body, version);
        await r.ShouldBe(HttpStatusCode.OK);
        Assert.Equal($"W/\"{version + 1}\"", r.Headers.ETag?.ToString());
        return await r.ReadJson();
    }

    protected Task<T> Db<T>(Func<Yiyang.Platform.Data.YiyangDb, Task<T>> f) =>
        Factory.WithScope(sp => f(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Yiyang.Platform.Data.YiyangDb>(sp)));

    /// <summary>Configures a gateway (its secret's hash only) and returns the secret.</summary>
    protected string AddGateway(string region)
    {
        var secret = "yyg_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var settings = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<Yiyang.Modules.Emergency.EmergencyOptions>>(Factory.Services).Value;
        settings.Gateways.Add(new Yiyang.Modules.Emergency.TelephonyGateway
        {
            Name = "gw-" + Guid.NewGuid().ToString("N")[..6],
            SecretSha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))),
            RegionCode = region,
        });
        return secret;
    }
}
