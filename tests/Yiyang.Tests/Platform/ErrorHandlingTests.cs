using System.Net;
using System.Net.Http.Json;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

/// <summary>Every API error is an RFC 9457 problem in Chinese, never an empty body or an HTML page.</summary>
public abstract class ErrorHandlingTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task An_unknown_api_address_is_a_404_problem()
    {
        using var r = await (await As("city")).GetAsync("/api/no-such-thing");
        Assert.Equal("not-found", (string?)(await r.ShouldBeProblem(HttpStatusCode.NotFound))["code"]);
    }

    [DbFact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var r = await (await As("city")).DeleteAsync("/api/regions/610202");
        Assert.Equal("method-not-allowed", (string?)(await r.ShouldBeProblem(HttpStatusCode.MethodNotAllowed))["code"]);
    }

    [DbFact]
    public async Task A_non_JSON_body_is_a_415_problem()
    {
        using var content = new StringContent("name=张三", System.Text.Encoding.UTF8, "text/plain");
        using var r = await (await As("city")).PostAsync("/api/elders", content);
        await r.ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [DbFact]
    public async Task A_token_request_without_a_body_is_a_400_problem()
    {
        using var client = Factory.Anonymous();
        using var content = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        using var r = await client.PostAsync("/api/auth/token", content);
        await r.ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [DbFact]
    public async Task A_non_numeric_query_value_is_a_400_problem()
    {
        using var r = await (await As("city")).GetAsync("/api/elders?page=abc");
        Assert.Equal("bad-request", (string?)(await r.ShouldBeProblem(HttpStatusCode.BadRequest))["code"]);
    }

    [DbFact]
    public async Task Forwarded_headers_from_an_unknown_sender_are_ignored()
    {
        // no known proxy is configured: a client claiming HTTPS gets neither Secure cookies nor HSTS
        using var client = Factory.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var r = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.False(r.Headers.Contains("Strict-Transport-Security"));
        Assert.All(r.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [DbFact]
    public async Task Responses_carry_the_security_headers()
    {
        using var r = await Factory.Anonymous().GetAsync("/health");
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
        var csp = r.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.Contains("base-uri 'none'", csp);
    }

    [DbFact]
    public async Task Revealed_data_and_pages_are_never_stored_by_a_cache()
    {
        var elder = await CreateElder(ElderBody(), user: "doctor");
        using var reveal = await (await As("doctor")).PostAsJsonAsync($"/api/elders/{elder.Id()}/reveal",
            new { field = "phone", reason = "电话随访" });
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
        Assert.True(reveal.Headers.CacheControl?.NoStore, "a revealed phone must not be stored by a cache");
        using var page = await Factory.Anonymous().GetAsync("/Account/Login");
        Assert.True(page.Headers.CacheControl?.NoStore);
    }

    [DbFact]
    public async Task The_risk_flag_catalog_lists_codes_and_Chinese_names()
    {
        var flags = (await (await As("nurse")).GetJson("/api/elders/risk-flags")).AsArray();
        Assert.Contains(flags, f => (string?)f!["code"] == "disabled" && (string?)f["name"] == "失能");
        Assert.Equal(10, flags.Count);
    }

    [DbFact]
    public async Task An_old_15_digit_ID_or_a_phone_with_country_code_finds_the_elder()
    {
        var id = TestData.IdNumber();
        var phone = TestData.Phone();
        var e = await CreateElder(ElderBody(id, phone: phone));
        var admin = await As("city");
        var by15 = await admin.GetJson("/api/elders?q=" + id[..6] + id[8..17]);
        Assert.Equal([e.Id()], by15["items"]!.AsArray().Select(i => i!.Id()));
        var byPhone = await admin.GetJson("/api/elders?q=" + Uri.EscapeDataString("+86 " + phone));
        Assert.Equal([e.Id()], byPhone["items"]!.AsArray().Select(i => i!.Id()));
    }

    [DbFact]
    public async Task The_etag_of_a_read_can_be_sent_back_as_If_Match()
    {
        var e = await CreateElder();
        var admin = await As("city");
        using var get = await admin.GetAsync($"/api/elders/{e.Id()}");
        var etag = get.Headers.ETag!.ToString();
        using var put = await admin.PutJson($"/api/elders/{e.Id()}", new { name = TestData.Name("改"), townshipCode = Township }, etag);
        await put.ShouldBe(HttpStatusCode.OK);
        Assert.NotEqual(etag, put.Headers.ETag?.ToString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ErrorHandlingTestsSqlite(SqliteAppFixture f) : ErrorHandlingTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ErrorHandlingTestsPostgres(PostgresAppFixture f) : ErrorHandlingTests(f), IPostgresTests;
