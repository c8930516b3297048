using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

/// <summary>
/// When the database cannot be reached, the app answers 503 with Retry-After (a problem for the API, the error page for
/// pages), never 500, saves nothing half-way, and serves again once the database is back. PostgreSQL only: the outage is
/// a cut TCP path between the app (a child process) and the server.
/// </summary>
public sealed class OutageTestsPostgres : IPostgresTests
{
    public OutageTestsPostgres()
    {
        if (TestDatabase.PgServerConnection is null && TestDatabase.IsCi) TestDatabase.RequirePgServer();
    }

    [DbFact]
    public async Task An_unreachable_database_is_a_503_with_Retry_After_and_the_app_recovers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var cs = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new CuttableProxy(cs.Host!, cs.Port);
        cs.Host = "127.0.0.1";
        cs.Port = proxy.Port;
        cs.Timeout = 3;
        using var app = await AppProcess.StartAsync(database, cs.ToString());
        var doctor = app.Client(await app.TokenAsync("doctor"));
        using (var ok = await doctor.GetAsync("/api/elders?pageSize=5")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        proxy.Cut();
        using (var read = await doctor.GetAsync("/api/elders?pageSize=5"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(read.Headers.RetryAfter);
            Assert.Equal("unavailable", (string?)(await read.Content.ReadFromJsonAsync<JsonNode>())!["code"]);
        }
        var name = TestData.Name("断");
        using (var write = await doctor.PostAsJsonAsync("/api/elders", new Dictionary<string, object?>
        {
            ["name"] = name,
            ["idNumber"] = TestData.IdNumber(),
            ["phone"] = TestData.Phone(),
            ["townshipCode"] = ApiTestBase.Township,
            ["address"] = "王益区红旗街1号",
            ["insuranceType"] = "01",
            ["flags"] = Array.Empty<string>(),
        }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
            Assert.NotNull(write.Headers.RetryAfter);
        }

        proxy.Restore();
        var until = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        do
        {
            using var again = await doctor.GetAsync("/api/elders?pageSize=5");
            status = again.StatusCode;
            if (status == HttpStatusCode.OK) break;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            await Task.Delay(500);
        } while (DateTime.UtcNow < until);
        Assert.Equal(HttpStatusCode.OK, status);
        // the refused registration left nothing behind
        await using var db = database.CreateContext();
        Assert.False(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Elders, e => e.Name == name));
    }
}
