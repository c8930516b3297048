using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Modules.Accounts;
using Yiyang.Platform.Security;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Accounts;

/// <summary>Login answers that tell nothing: one status, message and cost for unknown, wrong, locked and disabled; unlocking.</summary>
public abstract class LoginTests(AppFixture fixture) : AccountTestBase(fixture)
{
    private async Task<JsonNode> Refused(string userName, string password)
    {
        using var r = await RequestToken(userName, password);
        return await r.ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [DbFact]
    public async Task Unknown_wrong_locked_and_disabled_accounts_get_the_same_401_and_message()
    {
        var (_, wrong) = await NewUser();
        var (_, locked) = await NewUser();
        var (disabledId, disabled) = await NewUser();
        for (var i = 0; i < 5; i++) await Refused(locked, "Wrong-password-" + i);
        await (await As("security")).PostJson($"/api/users/{disabledId}/disable", new { }, HttpStatusCode.OK);

        var answers = new[]
        {
            await Refused("nobody" + Guid.NewGuid().ToString("N")[..8], Password),
            await Refused(wrong, "Wrong-password-1"),
            await Refused(locked, Password), // the right password of a locked account: no hint that it was right
            await Refused(disabled, Password),
        };
        foreach (var p in answers)
        {
            Assert.Equal("invalid-credentials", (string?)p["code"]);
            Assert.Equal(IssueToken.InvalidMessage, (string?)p["detail"]);
            Assert.Equal((string?)answers[0]["title"], (string?)p["title"]);
        }
    }

    [DbFact]
    public async Task An_unknown_name_costs_a_password_hash_like_a_wrong_password()
    {
        // before: an unknown name answered about 30 times faster (no hash verified), which told the names that exist
        var (_, known) = await NewUser();
        await Refused(known, "Warm-up-password-0"); // JIT and connection warm-up
        await Refused("nobody" + Guid.NewGuid().ToString("N")[..8], Password);
        var unknownTimes = new List<double>();
        var wrongTimes = new List<double>();
        for (var i = 0; i < 3; i++) // 4 failures in all: the account does not lock (a locked account verifies the hash too)
        {
            var sw = Stopwatch.StartNew();
            await Refused("nobody" + Guid.NewGuid().ToString("N")[..8], Password);
            unknownTimes.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            await Refused(known, "Wrong-password-" + i);
            wrongTimes.Add(sw.Elapsed.TotalMilliseconds);
        }
        var ratio = unknownTimes.Order().ElementAt(1) / wrongTimes.Order().ElementAt(1);
        Assert.True(ratio is > 0.25 and < 4, $"unknown {string.Join("/", unknownTimes.Select(t => t.ToString("0")))} ms vs wrong " +
                                              $"{string.Join("/", wrongTimes.Select(t => t.ToString("0")))} ms: ratio {ratio:0.00}");
    }

    [DbFact]
    public async Task A_typed_name_that_matches_no_account_is_audited_only_as_a_keyed_hash()
    {
        // people type their password into the name field: it must not land in the audit trail
        var typed = "Secret-" + Guid.NewGuid().ToString("N")[..10];
        await Refused(typed, "whatever-1");
        var pii = Factory.Services.GetRequiredService<PiiProtector>();
        var expected = "name-hash=" + Convert.ToHexStringLower(pii.Hash("login-name", typed)[..16]);
        var entries = await Audit("login.failed");
        var mine = Assert.Single(entries, e => e.Detail == expected);
        Assert.Equal("unknown", mine.UserName);
        Assert.Null(mine.UserId);
        Assert.DoesNotContain(entries, e => e.UserName.Contains(typed, StringComparison.Ordinal) || (e.Detail ?? "").Contains(typed, StringComparison.Ordinal));

        // a name that is an account is kept, so the auditor sees whose password was tried
        var (id, known) = await NewUser();
        await Refused(known, "Wrong-password-1");
        Assert.Contains(await Audit("login.failed"), e => e.UserName == known && e.UserId == id && e.Detail == "password");
    }

    [DbFact]
    public async Task Five_failures_lock_the_account_silently_and_the_security_admin_unlocks_it()
    {
        var (id, userName) = await NewUser();
        for (var i = 1; i <= 5; i++) await Refused(userName, "Wrong-password-" + i);
        await Refused(userName, Password); // locked: the right password is refused like any other
        var security = await As("security");
        var users = await security.GetJson("/api/users");
        Assert.True((bool)users.AsArray().Single(u => (string?)u!["userName"] == userName)!["isLockedOut"]!);
        Assert.Contains(await Audit("login.lockout"), e => e.UserId == id);
        var alert = (await security.GetJson("/api/security-alerts?open=true")).AsArray().Single(a => (string?)a!["userName"] == userName)!;
        Assert.Equal("accounts.lockout", (string)alert["kind"]!);
        Assert.Contains("已锁定", (string)alert["summary"]!);

        var unlocked = await security.PostJson($"/api/users/{id}/unlock", new { }, HttpStatusCode.OK);
        Assert.False((bool)unlocked["isLockedOut"]!);
        Assert.Contains(await Audit("user.unlock"), e => e.SubjectId == id.ToString() && e.UserName == "security");
        await Token(userName);
    }

    [DbFact]
    public async Task The_security_admin_unlocks_on_the_user_page()
    {
        var (id, userName) = await NewUser();
        for (var i = 1; i <= 5; i++) await Refused(userName, "Wrong-password-" + i);
        var page = await PageClient.LoggedIn(Factory, "security");
        Assert.Contains($"/System/Users/{id}", await page.GetStringAsync("/System"));
        var details = await page.GetStringAsync($"/System/Users/{id}");
        Assert.Contains("已锁定", details);
        using var r = await page.PostForm($"/System/Users/{id}", $"/System/Users/{id}?handler=Unlock", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.False((await LoadUser(id)).LockedUntil > DateTimeOffset.UtcNow);
        await Token(userName);
    }

    [DbFact]
    public async Task The_login_page_says_the_same_for_a_locked_and_an_unknown_account()
    {
        var (_, userName) = await NewUser();
        for (var i = 1; i <= 5; i++) await Refused(userName, "Wrong-password-" + i);
        async Task<string> LoginPage(string name, string password)
        {
            using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using var r = await client.PostForm("/Account/Login", "/Account/Login", new Dictionary<string, string> { ["UserName"] = name, ["Password"] = password });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var html = await r.Content.ReadAsStringAsync();
            return System.Text.RegularExpressions.Regex.Match(html, "id=\"login-error\">([^<]+)<").Groups[1].Value;
        }
        var locked = await LoginPage(userName, Password);
        Assert.Equal(await LoginPage("nobody" + Guid.NewGuid().ToString("N")[..8], Password), locked);
        Assert.Contains("用户名或密码不正确", locked);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LoginTestsSqlite(SqliteAppFixture f) : LoginTests(f);

[Collection(PostgresCollection.Name)]
public sealed class LoginTestsPostgres(PostgresAppFixture f) : LoginTests(f), IPostgresTests;
