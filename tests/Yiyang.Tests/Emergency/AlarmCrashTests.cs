using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Emergency;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Emergency;

/// <summary>
/// Nothing lost, nothing doubled across a crash: the app runs as a child process, devices send alarms and retry each
/// message (same message id) until it is accepted; the process is killed (SIGKILL) while alarms are in flight and
/// started again on the same database. Every accepted alarm is stored once, with the incident it was answered with, and
/// every incident has its alarm (the dedupe window is 0 here, so each alarm opens its own incident).
/// </summary>
public abstract class AlarmCrashTests
{
    protected AlarmCrashTests()
    {
        if (this is IPostgresTests && TestDatabase.PgServerConnection is null && TestDatabase.IsCi) TestDatabase.RequirePgServer();
    }

    protected abstract DatabaseProvider Provider { get; }

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Emergency__DedupeWindowMinutes"] = "0",
        ["Emergency__OfflineCheckSeconds"] = "0",
    };

    [DbFact]
    public async Task Alarms_retried_across_a_kill_are_neither_lost_nor_duplicated()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var first = await AppProcess.StartAsync(database, settings: Settings);
        var devices = await RegisterDevicesAsync(first, 4);
        var current = first.BaseAddress;
        var answered = new ConcurrentDictionary<(long Device, string Message), long>();
        var sent = 0;
        using var stop = new CancellationTokenSource();
        var senders = devices.Select(d => Task.Run(async () =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", d.Secret);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var message = $"d{d.Id}-m{n}";
                var at = DateTimeOffset.UtcNow;
                Interlocked.Increment(ref sent);
                // the device retries the same message until it is accepted (or the test ends)
                var giveUp = DateTime.UtcNow.AddSeconds(150);
                while (DateTime.UtcNow < giveUp)
                {
                    try
                    {
                        using var r = await http.PostAsJsonAsync(new Uri(Volatile.Read(ref current), "/api/alarms"),
                            new { deviceId = d.Id, messageId = message, kind = "sos", at }, Api.Json);
                        if (r.StatusCode == HttpStatusCode.Accepted)
                        {
                            answered[(d.Id, message)] = (long)(await r.Content.ReadFromJsonAsync<JsonNode>())!["incidentId"]!;
                            break;
                        }
                        Assert.Fail($"alarm {message}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        await Task.Delay(100);
                    }
                }
            }
        })).ToList();

        await WaitForAsync(() => answered.Count >= 40, 60);
        first.Kill(); // mid-flight: each sender has a message on the wire or about to be
        first.Dispose();
        var before = answered.Count;
        using var second = await AppProcess.StartAsync(database, settings: Settings);
        Volatile.Write(ref current, second.BaseAddress);
        await WaitForAsync(() => answered.Count >= before + 40, 90);
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        Assert.True(answered.Count >= before + 40, $"{answered.Count} alarms accepted, {before} before the kill");
        Assert.Equal(Volatile.Read(ref sent), answered.Count); // every message sent was finally accepted
        await using var db = database.CreateContext();
        var ids = devices.Select(d => d.Id).ToList();
        var alarms = await db.Set<EmergencyAlarm>().AsNoTracking().Where(a => ids.Contains(a.DeviceId)).ToListAsync();
        var incidents = await db.Set<EmergencyIncident>().AsNoTracking().Where(i => i.DeviceId != null && ids.Contains(i.DeviceId.Value)).ToListAsync();
        // 0 lost: every accepted alarm is stored, with the incident it was answered with
        var stored = alarms.ToDictionary(a => (a.DeviceId, a.MessageId), a => a.IncidentId);
        var lost = answered.Where(kv => !stored.ContainsKey(kv.Key)).Select(kv => kv.Key.Message).ToList();
        Assert.True(lost.Count == 0, "lost: " + string.Join(", ", lost.Take(10)));
        var differing = answered.Where(kv => stored[kv.Key] != kv.Value).Select(kv => kv.Key.Message).ToList();
        Assert.True(differing.Count == 0, "answered with another incident than stored: " + string.Join(", ", differing.Take(10)));
        // 0 duplicated: one alarm row per message, one incident per alarm, no incident without its alarm
        Assert.Equal(answered.Count, alarms.Count);
        Assert.Equal(alarms.Count, incidents.Count);
        Assert.All(incidents, i => Assert.Equal(1, i.SignalCount));
        Assert.Equal(incidents.Select(i => i.Id).Order(), alarms.Select(a => a.IncidentId).Order());
    }

    private sealed record Device(long Id, string Secret);

    private static async Task<List<Device>> RegisterDevicesAsync(AppProcess app, int count)
    {
        using var city = app.Client(await app.TokenAsync("city"));
        var elders = (await city.GetFromJsonAsync<JsonNode>($"/api/elders?pageSize={count}"))!["items"]!.AsArray();
        var list = new List<Device>();
        foreach (var e in elders.Take(count))
        {
            using var r = await city.PostAsJsonAsync("/api/devices", new { elderId = (long)e!["id"]!, kind = "sos-button", serial = "CR-" + Guid.NewGuid().ToString("N")[..10] });
            await r.ShouldBe(HttpStatusCode.Created);
            var d = (await r.Content.ReadFromJsonAsync<JsonNode>())!;
            list.Add(new Device((long)d["id"]!, (string)d["secret"]!));
        }
        Assert.Equal(count, list.Count);
        return list;
    }

    private static async Task WaitForAsync(Func<bool> condition, int seconds)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition() && DateTime.UtcNow < until) await Task.Delay(50);
    }
}

public sealed class AlarmCrashTestsSqlite : AlarmCrashTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class AlarmCrashTestsPostgres : AlarmCrashTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
