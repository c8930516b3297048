using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Emergency;
using Yiyang.Tests.Infrastructure;
using JsonApi = Yiyang.Tests.Infrastructure.Api;

namespace Yiyang.Tests.Emergency;

public abstract class DeviceApiTests(AppFixture fixture) : EmergencyTestBase(fixture)
{
    [DbFact]
    public async Task A_device_gets_its_secret_once_and_only_its_hash_is_stored()
    {
        var d = await Device();
        Assert.True(DeviceSecrets.LooksValid(d.Secret));
        var row = await Db(db => db.Set<EmergencyDevice>().AsNoTracking().SingleAsync(x => x.Id == d.Id));
        Assert.Equal(DeviceSecrets.Hash(d.Secret), row.SecretHash);
        Assert.Equal(900, row.HeartbeatSeconds);
        var list = await (await As("operator")).GetJson($"/api/devices?elderId={d.ElderId}");
        var item = Assert.Single(list.AsArray())!;
        Assert.Null(item["secret"]);
        Assert.Equal("sos-button", (string)item["kind"]!);
        Assert.Equal("卧室床头", (string)item["installedAt"]!);
        Assert.DoesNotContain(d.Secret, list.ToJsonString());
    }

    [DbFact]
    public async Task The_responsible_organization_registers_devices_and_others_get_404()
    {
        var elder = await JinhuaElder();
        var d = await Device("fall-detector", elder, user: "doctor");
        Assert.True(d.Id > 0);
        var body = new { elderId = elder, kind = "scale", serial = "SN-" + Guid.NewGuid().ToString("N")[..10] };
        using (var other = await (await As("hbdoctor")).PostAsJsonAsync("/api/devices", body, JsonApi.Json))
            await other.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var caregiver = await (await As("wjw")).PostAsJsonAsync("/api/devices", body, JsonApi.Json))
            await caregiver.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [DbFact]
    public async Task Bad_registrations_are_400_with_field_errors_and_a_bound_serial_is_409()
    {
        var op = await As("operator");
        using (var bad = await op.PostAsJsonAsync("/api/devices", new { kind = "toaster", serial = "a b", heartbeatSeconds = 5 }, JsonApi.Json))
        {
            var p = await bad.ShouldBeProblem(HttpStatusCode.BadRequest);
            foreach (var f in new[] { "elderId", "kind", "serial", "heartbeatSeconds" }) Assert.True(JsonApi.IsChinese(p.FieldErrors(f)[0]));
        }
        var elder = await JinhuaElder();
        var serial = "SN-" + Guid.NewGuid().ToString("N")[..10];
        await op.PostJson("/api/devices", new { elderId = elder, kind = "gas-detector", serial }, HttpStatusCode.Created);
        using var twice = await op.PostAsJsonAsync("/api/devices", new { elderId = elder, kind = "gas-detector", serial }, JsonApi.Json);
        Assert.Equal("device-bound", (string)(await twice.ShouldBeProblem(HttpStatusCode.Conflict))["code"]!);
    }

    [DbFact]
    public async Task Unknown_malformed_and_revoked_secrets_get_401_and_store_nothing()
    {
        var d = await Device();
        using (var none = await Alarm(Factory.Anonymous(), d.Id, "m1"))
            await none.ShouldBeProblem(HttpStatusCode.Unauthorized);
        using (var unknown = await Alarm(DeviceClient(DeviceSecrets.New()), d.Id, "m1"))
            Assert.Equal("device-unauthenticated", (string)(await unknown.ShouldBeProblem(HttpStatusCode.Unauthorized))["code"]!);
        using (var garbage = await Alarm(DeviceClient("not-a-secret"), d.Id, "m1"))
            await garbage.ShouldBeProblem(HttpStatusCode.Unauthorized);

        var op = await As("operator");
        var revoked = await op.PostJson($"/api/devices/{d.Id}/revoke", new { reason = "老人已更换手环" }, HttpStatusCode.OK);
        Assert.NotNull(revoked["revokedAt"]);
        Assert.False((bool)revoked["online"]!);
        using (var after = await Alarm(d.Client, d.Id, "m2"))
            await after.ShouldBeProblem(HttpStatusCode.Unauthorized);
        using (var again = await op.PostAsJsonAsync($"/api/devices/{d.Id}/revoke", new { reason = "重复" }, JsonApi.Json))
            await again.ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal(0, await Db(db => db.Set<EmergencyAlarm>().CountAsync(a => a.DeviceId == d.Id)));
    }

    [DbFact]
    public async Task A_secret_speaks_only_for_its_own_device()
    {
        var d = await Device();
        var other = await Device();
        using (var r = await Alarm(d.Client, other.Id, "m1"))
            Assert.Equal("device-mismatch", (string)(await r.ShouldBeProblem(HttpStatusCode.Unauthorized))["code"]!);
        Assert.Equal(0, await Db(db => db.Set<EmergencyAlarm>().CountAsync(a => a.DeviceId == other.Id || a.DeviceId == d.Id)));
    }

    [DbFact]
    public async Task User_tokens_and_device_secrets_are_never_confused()
    {
        var d = await Device();
        // a user's token on a device endpoint: 403 (signed in, but not a device)
        using (var user = await (await As("operator")).PostAsJsonAsync("/api/alarms", new { deviceId = d.Id, messageId = "u1", kind = "sos", at = DateTimeOffset.UtcNow }, JsonApi.Json))
            await user.ShouldBeProblem(HttpStatusCode.Forbidden);
        // a device's secret on user endpoints: 401
        using (var list = await d.Client.GetAsync("/api/incidents"))
            await list.ShouldBeProblem(HttpStatusCode.Unauthorized);
        using (var devices = await d.Client.PostAsJsonAsync("/api/devices", new { elderId = d.ElderId, kind = "scale", serial = "X1" }, JsonApi.Json))
            await devices.ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [DbFact]
    public async Task A_low_battery_opens_one_low_priority_incident_per_device()
    {
        var d = await Device();
        var hb = await d.Client.PostAsJsonAsync("/api/devices/heartbeat", new { deviceId = d.Id, battery = 15 }, JsonApi.Json);
        await hb.ShouldBe(HttpStatusCode.OK);
        using (var again = await d.Client.PostAsJsonAsync("/api/devices/heartbeat", new { deviceId = d.Id, battery = 12 }, JsonApi.Json))
            await again.ShouldBe(HttpStatusCode.OK);
        var incidents = await Db(db => db.Set<EmergencyIncident>().AsNoTracking().Where(i => i.DeviceId == d.Id).ToListAsync());
        var low = Assert.Single(incidents);
        Assert.Equal(IncidentKind.LowBattery, low.Kind);
        Assert.Equal(3, low.Priority);
        var device = await Db(db => db.Set<EmergencyDevice>().AsNoTracking().SingleAsync(x => x.Id == d.Id));
        Assert.Equal(12, device.BatteryPercent);
        Assert.NotNull(device.LastSeenAt);
        using var bad = await d.Client.PostAsJsonAsync("/api/devices/heartbeat", new { deviceId = d.Id, battery = 101 }, JsonApi.Json);
        Assert.True(JsonApi.IsChinese((await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("battery")[0]));
    }

    [DbFact]
    public async Task A_silent_device_gets_one_offline_incident_however_often_the_check_runs()
    {
        var d = await Device(heartbeatSeconds: 60);
        using (var hb = await d.Client.PostAsJsonAsync("/api/devices/heartbeat", new { deviceId = d.Id }, JsonApi.Json))
            await hb.ShouldBe(HttpStatusCode.OK);
        Task<int> Run() => Factory.WithScope(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<DeviceOfflineCheck>(sp).RunAsync(CancellationToken.None));
        Task<int> Offline() => Db(db => db.Set<EmergencyIncident>().CountAsync(i => i.DeviceId == d.Id && i.Kind == IncidentKind.DeviceOffline));
        await Run();
        Assert.Equal(0, await Offline()); // seen just now
        try
        {
            Factory.Clock.Offset = TimeSpan.FromMinutes(5);
            await Run();
            await Run();
            Assert.Equal(1, await Offline());
            // resolved by the operator while the device stays silent: not opened again
            await Db(async db =>
            {
                var i = await db.Set<EmergencyIncident>().SingleAsync(x => x.DeviceId == d.Id && x.Kind == IncidentKind.DeviceOffline);
                (i.Status, i.AcknowledgedAt, i.AcknowledgedBy, i.ResolvedAt, i.ResolvedBy, i.Outcome) =
                    (IncidentStatus.Resolved, i.OpenedAt, "t", i.OpenedAt, "t", IncidentOutcome.DeviceServiced);
                return await db.SaveChangesAsync();
            });
            await Run();
            Assert.Equal(1, await Offline());
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DeviceApiTestsSqlite(SqliteAppFixture f) : DeviceApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class DeviceApiTestsPostgres(PostgresAppFixture f) : DeviceApiTests(f), IPostgresTests;
