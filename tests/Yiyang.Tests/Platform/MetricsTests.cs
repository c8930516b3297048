using System.Net;
using Microsoft.AspNetCore.Hosting;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

public abstract class MetricsTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task Metrics_are_served_to_a_platform_admin_in_prometheus_text_without_personal_data()
    {
        var admin = await As("admin");
        var elder = await CreateElder();
        using (var _ = await (await As("city")).GetAsync($"/api/elders/{elder.Id()}")) { }
        using var r = await admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var text = await r.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_server_request_duration summary", text);
        Assert.Contains("http_route=\"/api/elders/{id:long}\"", text);
        Assert.Contains("yiyang_audit_entries_written_total", text);
        Assert.DoesNotContain((string)elder["name"]!, text);
        // every series names its node; the node that runs the background jobs says so
        Assert.Contains("# TYPE yiyang_node_leader gauge", text);
        Assert.Matches(@"yiyang_node_leader\{node=""[^""]+""\} 1\n", text);
        Assert.Matches(@"yiyang_audit_entries_written_total\{node=""[^""]+""", text);
        var health = await admin.GetJson("/health");
        Assert.True((bool)health["leader"]!);
        Assert.False(string.IsNullOrEmpty((string?)health["node"]));
    }

    [DbFact]
    public async Task With_a_token_configured_a_scraper_needs_it_and_a_wrong_one_is_refused()
    {
        await using var scraped = Factory.WithWebHostBuilder(b => b.UseSetting("Metrics:Token", "metrics-token-of-this-test"));
        using var client = scraped.CreateClient();
        using (var none = await client.GetAsync("/metrics")) await none.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            wrong.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "metrics-token-of-another");
            using var r = await client.SendAsync(wrong);
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        }
        using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        right.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "metrics-token-of-this-test");
        using var ok = await client.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("# TYPE", await ok.Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task Metrics_are_refused_to_other_roles_off_the_machine()
    {
        using var r = await (await As("doctor")).GetAsync("/metrics");
        await r.ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MetricsTestsSqlite(SqliteAppFixture f) : MetricsTests(f);

[Collection(PostgresCollection.Name)]
public sealed class MetricsTestsPostgres(PostgresAppFixture f) : MetricsTests(f), IPostgresTests;
