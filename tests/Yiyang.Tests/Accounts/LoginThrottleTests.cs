using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Accounts;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Accounts;

/// <summary>Failed logins are throttled per client address and per typed name, known or not (429 with Retry-After).</summary>
public abstract class LoginThrottleTests(AppFixture fixture) : AccountTestBase(fixture)
{
    private LoginThrottle Throttle => Factory.Services.GetRequiredService<LoginThrottle>();

    [DbFact]
    public async Task Guessing_one_name_is_answered_429_after_the_limit_whether_the_name_exists_or_not()
    {
        Throttle.Reset();
        using var _ = await AccountSettings(o => (o.FailuresPerName, o.MaxFailedAttempts) = (3, 100));
        try
        {
            var (_, known) = await NewUser();
            foreach (var name in new[] { known, "nobody" + Guid.NewGuid().ToString("N")[..8] })
            {
                for (var i = 0; i < 3; i++)
                {
                    using var r = await RequestToken(name, "Wrong-password-" + i);
                    await r.ShouldBeProblem(HttpStatusCode.Unauthorized);
                }
                using var blocked = await RequestToken(name, name == known ? Password : "Wrong-password-9");
                var p = await blocked.ShouldBeProblem(HttpStatusCode.TooManyRequests);
                Assert.Equal("too-many-requests", (string?)p["code"]);
                Assert.InRange(int.Parse(blocked.Headers.GetValues("Retry-After").Single()), 1, 15 * 60);
            }
            // another name from the same address is not held up (the window's end: LoginThrottleUnitTests)
            var (_, other) = await NewUser();
            await Token(other);
        }
        finally
        {
            Throttle.Reset();
        }
    }

    [DbFact]
    public async Task Spraying_many_names_from_one_address_is_answered_429_after_the_limit()
    {
        Throttle.Reset();
        using var _ = await AccountSettings(o => o.FailuresPerIp = 4);
        try
        {
            for (var i = 0; i < 4; i++)
            {
                using var r = await RequestToken("spray" + i + Guid.NewGuid().ToString("N")[..6], "Wrong-password-1");
                await r.ShouldBeProblem(HttpStatusCode.Unauthorized);
            }
            var (_, known) = await NewUser();
            using var blocked = await RequestToken(known, Password);
            await blocked.ShouldBeProblem(HttpStatusCode.TooManyRequests);
            Assert.NotEmpty(await Audit("login.throttled"));
        }
        finally
        {
            Throttle.Reset();
        }
    }

    [DbFact]
    public async Task The_login_page_is_throttled_too()
    {
        Throttle.Reset();
        using var _ = await AccountSettings(o => o.FailuresPerName = 2);
        try
        {
            var name = "nobody" + Guid.NewGuid().ToString("N")[..8];
            using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            HttpStatusCode last = 0;
            string html = "";
            for (var i = 0; i < 3; i++)
            {
                using var r = await client.PostForm("/Account/Login", "/Account/Login", new Dictionary<string, string> { ["UserName"] = name, ["Password"] = "x" + i });
                last = r.StatusCode;
                html = await r.Content.ReadAsStringAsync();
            }
            Assert.Equal(HttpStatusCode.TooManyRequests, last);
            Assert.Contains("登录失败次数过多", html);
        }
        finally
        {
            Throttle.Reset();
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LoginThrottleTestsSqlite(SqliteAppFixture f) : LoginThrottleTests(f);

[Collection(PostgresCollection.Name)]
public sealed class LoginThrottleTestsPostgres(PostgresAppFixture f) : LoginThrottleTests(f), IPostgresTests;

/// <summary>The throttle's counting on its own (a clock of the test's).</summary>
public sealed class LoginThrottleUnitTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static (LoginThrottle, Clock) Make(int perIp, int perName)
    {
        var clock = new Clock();
        return (new LoginThrottle(Options.Create(new AccountOptions { FailuresPerIp = perIp, FailuresPerName = perName, ThrottleWindowMinutes = 15 }), clock), clock);
    }

    [Fact]
    public void A_name_is_held_after_its_limit_until_the_window_ends_and_names_differ_only_in_case_count_together()
    {
        var (t, clock) = Make(0, 3);
        Assert.False(t.Fail("10.0.0.1", "Zhang"));
        Assert.False(t.Fail("10.0.0.2", "zhang"));
        Assert.True(t.Fail("10.0.0.3", " ZHANG ")); // the third reaches the limit: the moment to audit
        Assert.Equal(TimeSpan.FromMinutes(15), t.RetryAfter("10.0.0.9", "zhang"));
        Assert.Null(t.RetryAfter("10.0.0.9", "li"));
        clock.Now += TimeSpan.FromMinutes(15);
        Assert.Null(t.RetryAfter("10.0.0.9", "zhang"));
    }

    [Fact]
    public void An_address_is_held_after_its_limit_and_a_success_clears_only_the_name()
    {
        var (t, _) = Make(2, 2);
        t.Fail("10.0.0.1", "a");
        t.Fail("10.0.0.1", "b");
        Assert.NotNull(t.RetryAfter("10.0.0.1", "c"));
        Assert.Null(t.RetryAfter("10.0.0.2", "c"));
        t.Fail("10.0.0.2", "a");
        Assert.NotNull(t.RetryAfter("10.0.0.3", "a"));
        t.Succeed("a");
        Assert.Null(t.RetryAfter("10.0.0.3", "a"));
        Assert.NotNull(t.RetryAfter("10.0.0.1", "z"));
    }

    [Fact]
    public void Limits_of_zero_count_nothing()
    {
        var (t, _) = Make(0, 0);
        for (var i = 0; i < 100; i++) Assert.False(t.Fail("10.0.0.1", "a"));
        Assert.Null(t.RetryAfter("10.0.0.1", "a"));
    }
}
