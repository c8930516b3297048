using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Yiyang.Platform.Data;
using Yiyang.Platform.Hosting;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

/// <summary>
/// Background jobs run on one node at a time: the node holding the PostgreSQL advisory lock leads; when its session ends
/// (the node died, or the primary failed over) another node takes over at its next check.
/// </summary>
public sealed class LeaderElectionTests : IPostgresTests
{
    public LeaderElectionTests()
    {
        if (TestDatabase.PgServerConnection is null && TestDatabase.IsCi) TestDatabase.RequirePgServer();
    }

    private static LeaderElection Node(TestDatabase db, string name)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Yiyang"] = db.ConnectionString,
        }).Build();
        return new LeaderElection(Options.Create(new NodeOptions { Name = name, LeaderCheckSeconds = 1 }), config,
            new HostEnv(), NullLogger<LeaderElection>.Instance);
    }

    private sealed class HostEnv : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "Yiyang";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    private static async Task KillSessionAsync(TestDatabase db, string node)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @app AND datname = current_database()", conn);
        cmd.Parameters.AddWithValue("app", "yiyang-leader:" + node);
        Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [DbFact]
    public async Task One_node_leads_and_another_takes_over_when_its_session_dies()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        using (var a = Node(db, "a"))
        using (var b = Node(db, "b"))
        {
            await a.StartAsync(CancellationToken.None);
            await b.StartAsync(CancellationToken.None);
            Assert.True(a.IsLeader);
            Assert.False(b.IsLeader);
            await b.TryLeadAsync(CancellationToken.None);
            Assert.False(b.IsLeader); // asking again changes nothing while a lives

            await KillSessionAsync(db, "a"); // what the server sees when node a is killed or cut off
            await a.TryLeadAsync(CancellationToken.None);
            Assert.False(a.IsLeader); // a notices at its next check and steps down
            await b.TryLeadAsync(CancellationToken.None);
            Assert.True(b.IsLeader);
            await a.TryLeadAsync(CancellationToken.None);
            Assert.False(a.IsLeader); // back, but b holds the lock now

            await b.StopAsync(CancellationToken.None); // a planned stop hands over too
            Assert.False(b.IsLeader);
            await a.TryLeadAsync(CancellationToken.None);
            Assert.True(a.IsLeader);
            await a.StopAsync(CancellationToken.None);
        }
        NpgsqlConnection.ClearAllPools();
    }

    [DbFact]
    public async Task Of_two_app_processes_one_leads_and_the_other_takes_over_after_a_kill()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var settings = new Dictionary<string, string> { ["Node__LeaderCheckSeconds"] = "1" };
        using var first = await AppProcess.StartAsync(db, settings: new Dictionary<string, string>(settings) { ["Node__Name"] = "app1" });
        using var second = await AppProcess.StartAsync(db, settings: new Dictionary<string, string>(settings) { ["Node__Name"] = "app2" });
        using var h1 = first.Client(null);
        using var h2 = second.Client(null);
        var one = await h1.GetFromJsonAsync<JsonNode>("/health");
        var two = await h2.GetFromJsonAsync<JsonNode>("/health");
        Assert.Equal("app1", (string)one!["node"]!);
        Assert.True((bool)one["leader"]!);
        Assert.False((bool)two!["leader"]!);

        first.Kill(); // SIGKILL: no shutdown, the server ends the session and frees the lock
        var until = DateTime.UtcNow.AddSeconds(30);
        var leads = false;
        while (!leads && DateTime.UtcNow < until)
        {
            await Task.Delay(250);
            leads = (bool)(await h2.GetFromJsonAsync<JsonNode>("/health"))!["leader"]!;
        }
        Assert.True(leads, "the surviving node did not take over within 30 s");
        second.Kill();
        NpgsqlConnection.ClearAllPools();
    }
}
