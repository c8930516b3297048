using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

/// <summary>
/// Reads that tolerate staleness (indicator counts, the public free-beds list) go to the read-only replica
/// (<c>ConnectionStrings:YiyangReadOnly</c>) when it is configured and reachable, and to the primary otherwise.
/// </summary>
public abstract class ReplicaReadsTests(AppFixture fixture) : ApiTestBase(fixture)
{
    private const string Dashboard = "/api/indicators/dashboard?regionCode=6102";

    private async Task<(WebApplicationFactory<Program> App, HttpClient City)> WithReplica(string replica)
    {
        var app = Factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:YiyangReadOnly", replica));
        var city = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        city.DefaultRequestHeaders.Authorization = (await As("city")).DefaultRequestHeaders.Authorization;
        return (app, city);
    }

    [DbFact]
    public async Task Indicator_counts_read_from_the_replica_equal_those_of_the_primary()
    {
        var primary = await (await As("city")).GetJson(Dashboard);
        // the "replica" is the same database in a read-only session: a write through it would fail
        var replica = new NpgsqlConnectionStringBuilder(Provider == DatabaseProvider.Postgres ? Factory.Database.ConnectionString : "Host=127.0.0.1")
        {
            ApplicationName = "yiyang-replica-test",
            Options = "-c default_transaction_read_only=on",
        }.ConnectionString;
        var (app, city) = await WithReplica(replica);
        await using var _ = app;
        var read = await city.GetJson(Dashboard);
        Assert.Equal(WithoutStamps(primary), WithoutStamps(read));
        using (var beds = await city.GetAsync("/api/public/institutions/free-beds")) Assert.Equal(HttpStatusCode.OK, beds.StatusCode);
        if (Provider != DatabaseProvider.Postgres) return; // SQLite has no replica: the setting is ignored
        await using var conn = new NpgsqlConnection(Factory.Database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'yiyang-replica-test' AND datname = current_database()", conn);
        Assert.True((long)(await cmd.ExecuteScalarAsync())! > 0, "no read went to the replica");
    }

    [DbFact]
    public async Task An_unreachable_replica_sends_the_reads_to_the_primary()
    {
        var (app, city) = await WithReplica($"Host=127.0.0.1;Port={ClosedPort()};Username=nobody;Database=none;Timeout=2");
        await using var _ = app;
        var read = await city.GetJson(Dashboard);
        Assert.NotEmpty(read["indicators"]!.AsArray());
    }

    private static string WithoutStamps(System.Text.Json.Nodes.JsonNode dashboard) =>
        System.Text.RegularExpressions.Regex.Replace(dashboard.ToJsonString(), "\"asOf\":\"[^\"]+\"", "");

    private static int ClosedPort()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReplicaReadsTestsSqlite(SqliteAppFixture f) : ReplicaReadsTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ReplicaReadsTestsPostgres(PostgresAppFixture f) : ReplicaReadsTests(f), IPostgresTests;
