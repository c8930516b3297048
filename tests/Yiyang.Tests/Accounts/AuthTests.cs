using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Accounts;

public abstract class AuthTests(AppFixture fixture) : ApiTestBase(fixture)
{
    [DbFact]
    public async Task A_demo_user_gets_a_bearer_token_with_the_right_password()
    {
        using var client = Factory.Anonymous();
        using var r = await client.PostAsJsonAsync("/api/auth/token", new { userName = "doctor", password = AppFactory.DemoPassword });
        await r.ShouldBe(HttpStatusCode.OK);
        var body = await r.ReadJson();
        Assert.True(((string?)body["accessToken"])?.Length >= 20);
        Assert.Equal("Bearer", (string?)body["tokenType"]);
        Assert.True((DateTimeOffset)body["expiresAt"]! > DateTimeOffset.UtcNow);
    }

    [DbFact]
    public async Task A_wrong_password_is_refused_with_a_401_problem()
    {
        using var client = Factory.Anonymous();
        using var r = await client.PostAsJsonAsync("/api/auth/token", new { userName = "nurse", password = "wrong-password-1" });
        var p = await r.ShouldBeProblem(HttpStatusCode.Unauthorized);
        Assert.Equal("invalid-credentials", (string?)p["code"]);
        Assert.True(Infrastructure.Api.IsChinese((string)p["detail"]!));
    }

    [DbFact]
    public async Task An_unknown_user_is_refused_like_a_wrong_password()
    {
        using var client = Factory.Anonymous();
        using var r = await client.PostAsJsonAsync("/api/auth/token", new { userName = "nobody-" + Guid.NewGuid().ToString("N")[..8], password = "x" });
        Assert.Equal("invalid-credentials", (string?)(await r.ShouldBeProblem(HttpStatusCode.Unauthorized))["code"]);
    }

    [DbFact]
    public async Task Five_failures_lock_the_account_and_even_the_right_password_is_refused_until_unlocked()
    {
        var security = await As("security");
        var userName = "lock" + Guid.NewGuid().ToString("N")[..10];
        const string password = "Locktest2026ok";
        var created = await security.PostJson("/api/users",
            new { userName, displayName = "锁定测试", password, role = "call-operator", regionCode = "6102" }, HttpStatusCode.Created);

        using var client = Factory.Anonymous();
        for (var i = 1; i <= 4; i++)
        {
            using var r = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = "wrong" + i });
            await r.ShouldBeProblem(HttpStatusCode.Unauthorized);
        }
        using (var fifth = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = "wrong5" }))
            Assert.Equal("locked-out", (string?)(await fifth.ShouldBeProblem((HttpStatusCode)423))["code"]);
        using (var right = await client.PostAsJsonAsync("/api/auth/token", new { userName, password }))
            await right.ShouldBeProblem((HttpStatusCode)423);

        var users = await security.GetJson("/api/users");
        Assert.True((bool)users.AsArray().Single(u => (string?)u!["userName"] == userName)!["isLockedOut"]!);

        var unlocked = await security.PostJson($"/api/users/{created.Id()}/unlock", new { }, HttpStatusCode.OK);
        Assert.False((bool)unlocked["isLockedOut"]!);
        using (var after = await client.PostAsJsonAsync("/api/auth/token", new { userName, password }))
            await after.ShouldBe(HttpStatusCode.OK);
    }

    [DbFact]
    public async Task Me_describes_the_signed_in_user_and_scope()
    {
        var me = await (await As("wjw")).GetJson("/api/auth/me");
        Assert.Equal("wjw", (string?)me["userName"]);
        Assert.Equal("regulator", (string?)me["role"]);
        Assert.Equal("监管人员", (string?)me["roleName"]);
        Assert.Equal("610202", (string?)me["regionCode"]);
        Assert.Equal("health", (string?)me["bureau"]);

        var doctor = await (await As("doctor")).GetJson("/api/auth/me");
        Assert.Equal(await JinhuaId(), (long?)doctor["organizationId"]);
    }

    [DbFact]
    public async Task An_invalid_bearer_token_is_a_401_problem()
    {
        using var client = Factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-real-token-but-long-enough-000");
        using var r = await client.GetAsync("/api/auth/me");
        await r.ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [DbFact]
    public async Task Anonymous_calls_to_every_api_group_get_a_401_problem()
    {
        using var client = Factory.Anonymous();
        var requests = new (HttpMethod Method, string Url)[]
        {
            (HttpMethod.Get, "/api/elders"), (HttpMethod.Get, "/api/elders/1"), (HttpMethod.Post, "/api/elders/1/reveal"),
            (HttpMethod.Get, "/api/elders/ledger/610202100"), (HttpMethod.Get, "/api/organizations"),
            (HttpMethod.Get, "/api/regions"), (HttpMethod.Get, "/api/regions/610202/children"), (HttpMethod.Get, "/api/audit"),
            (HttpMethod.Get, "/api/audit/verify"), (HttpMethod.Get, "/api/users"), (HttpMethod.Post, "/api/imports/elders"),
            (HttpMethod.Get, "/api/auth/me"),
        };
        foreach (var (method, url) in requests)
        {
            using var req = new HttpRequestMessage(method, url);
            if (method == HttpMethod.Post) req.Content = JsonContent.Create(new { });
            using var r = await client.SendAsync(req);
            var p = await r.ShouldBeProblem(HttpStatusCode.Unauthorized);
            Assert.Equal("unauthenticated", (string?)p["code"]);
        }
    }

    [DbFact]
    public async Task Health_and_the_OpenAPI_document_are_public()
    {
        using var client = Factory.Anonymous();
        using (var health = await client.GetAsync("/health"))
        {
            await health.ShouldBe(HttpStatusCode.OK);
            Assert.Equal("Healthy", (string?)(await health.ReadJson())["status"]);
        }
        using var openapi = await client.GetAsync("/openapi/v1.json");
        await openapi.ShouldBe(HttpStatusCode.OK);
        var doc = await openapi.Content.ReadAsStringAsync();
        Assert.Contains("\"/api/elders\"", doc);
        Assert.Contains("/api/organizations", doc);
    }

    [DbFact]
    public async Task Security_and_audit_admins_cannot_read_elders()
    {
        foreach (var user in new[] { "security", "auditor" })
        {
            using var r = await (await As(user)).GetAsync("/api/elders");
            Assert.Equal("forbidden", (string?)(await r.ShouldBeProblem(HttpStatusCode.Forbidden))["code"]);
        }
    }

    [DbFact]
    public async Task The_ui_login_cookie_expires_after_20_idle_minutes_and_is_http_only_and_same_site_strict()
    {
        var options = Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.Equal(TimeSpan.FromMinutes(20), options.ExpireTimeSpan);
        Assert.True(options.SlidingExpiration);
        Assert.True(options.Cookie.HttpOnly);
        Assert.Equal(Microsoft.AspNetCore.Http.SameSiteMode.Strict, options.Cookie.SameSite);

        // and a real login sets that cookie without a persistent expiry (it dies with the browser too)
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/Account/Login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var r = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "nurse",
            ["Password"] = AppFactory.DemoPassword,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, r.StatusCode);
        var cookie = r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("yiyang.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [DbFact]
    public async Task The_key_ring_that_signs_login_cookies_is_stored_encrypted()
    {
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync("/Account/Login"); // issues an antiforgery token, so a key exists
        Assert.Contains("__RequestVerificationToken", page);
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Yiyang.Platform.Data.YiyangDb>();
        var keys = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.DataProtectionKeys);
        Assert.NotEmpty(keys);
        Assert.All(keys, k =>
        {
            Assert.Contains("encryptedSecret", k.Xml);
            Assert.DoesNotContain("<masterKey", k.Xml);
        });
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthTestsSqlite(SqliteAppFixture f) : AuthTests(f);

[Collection(PostgresCollection.Name)]
public sealed class AuthTestsPostgres(PostgresAppFixture f) : AuthTests(f), IPostgresTests;
