using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

/// <summary>
/// Committed means audited, across a crash: the app runs as a child process, several clients register elders, the
/// process is killed (SIGKILL) in the middle of those writes, and after a restart on the same database every registration
/// the app acknowledged (201) is present and has its audit entry in an intact chain.
/// </summary>
public abstract class CrashTests
{
    protected CrashTests()
    {
        if (this is IPostgresTests && TestDatabase.PgServerConnection is null && TestDatabase.IsCi) TestDatabase.RequirePgServer();
    }

    protected abstract DatabaseProvider Provider { get; }

    [DbFact]
    public async Task Every_acknowledged_change_survives_a_kill_and_is_audited()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var acknowledged = new ConcurrentBag<long>();
        string? refused = null;
        using (var first = await AppProcess.StartAsync(database))
        {
            var token = await first.TokenAsync("doctor");
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                using var http = first.Client(token);
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using var r = await http.PostAsJsonAsync("/api/elders", ElderBody(), stop.Token);
                        if (r.StatusCode == HttpStatusCode.Created)
                            acknowledged.Add((long)(await r.Content.ReadFromJsonAsync<JsonNode>())!["id"]!);
                        else refused ??= $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}";
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException) { }
                }
            })).ToList();
            // let the writes run, then kill the process while they are in flight
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (acknowledged.Count < 40 && DateTime.UtcNow < deadline) await Task.Delay(50);
            first.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }
        Assert.True(acknowledged.Count >= 40, $"only {acknowledged.Count} registrations were acknowledged before the kill; refused: {refused}");

        using var second = await AppProcess.StartAsync(database);
        var doctor = second.Client(await second.TokenAsync("doctor"));
        foreach (var id in acknowledged)
        {
            using var r = await doctor.GetAsync($"/api/elders/{id}");
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"acknowledged elder {id} is missing after the restart ({(int)r.StatusCode})");
        }
        // every committed registration (acknowledged or not: the kill may fall between the commit and the answer) has its
        // entry; those the kill left in the outbox reach the chain within the writer's interval
        List<long> committed;
        await using (var db = database.CreateContext())
            committed = await db.Elders.AsNoTracking().Where(e => e.Name.StartsWith("崩")).Select(e => e.Id).ToListAsync();
        Assert.Superset(acknowledged.ToHashSet(), committed.ToHashSet());
        var auditor = second.Client(await second.TokenAsync("auditor"));
        HashSet<long> audited = [];
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            var page = await auditor.GetFromJsonAsync<JsonNode>("/api/audit?action=elder.create&pageSize=500");
            audited = page!["items"]!.AsArray().Select(i => long.Parse((string)i!["subjectId"]!, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            if (committed.All(audited.Contains)) break;
            await Task.Delay(500);
        }
        var unaudited = committed.Where(id => !audited.Contains(id)).ToList();
        Assert.True(unaudited.Count == 0,
            $"{unaudited.Count} of {committed.Count} committed registrations ({acknowledged.Count} acknowledged) have no audit entry: {string.Join(", ", unaudited.Take(10))}");
        var verification = await auditor.GetFromJsonAsync<JsonNode>("/api/audit/verify");
        Assert.True((bool)verification!["intact"]!);
    }

    private static Dictionary<string, object?> ElderBody() => new()
    {
        ["name"] = TestData.Name("崩"),
        ["idNumber"] = TestData.IdNumber(),
        ["phone"] = TestData.Phone(),
        ["townshipCode"] = ApiTestBase.Township,
        ["address"] = "王益区红旗街1号",
        ["insuranceType"] = "01",
        ["flags"] = Array.Empty<string>(),
    };
}

public sealed class CrashTestsSqlite : CrashTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class CrashTestsPostgres : CrashTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
