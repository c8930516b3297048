using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Accounts;

/// <summary>
/// Logout, password change, role change, disabling and a forced sign-out end the user's cookies and bearer tokens at
/// once: a stolen cookie or token stops working.
/// </summary>
public abstract class SessionTests(AppFixture fixture) : AccountTestBase(fixture)
{
    /// <summary>Signs in through the login page; returns two clients carrying the same login cookie (the browser, and what a thief copied).</summary>
    private async Task<(HttpClient Browser, HttpClient Thief)> SignedInBrowser(string userName, string password = Password)
    {
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/Account/Login");
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var req = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = token }),
        };
        req.Headers.Add("Cookie", string.Join("; ", antiforgeryCookie));
        using var r = await client.SendAsync(req);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var auth = r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("yiyang.auth=", StringComparison.Ordinal)).Split(';')[0];
        HttpClient WithCookie()
        {
            var c = Factory.Anonymous();
            c.DefaultRequestHeaders.Add("Cookie", auth);
            return c;
        }
        return (WithCookie(), WithCookie());
    }

    [DbFact]
    public async Task A_copied_cookie_stops_working_after_logout()
    {
        var (_, userName) = await NewUser();
        var (browser, thief) = await SignedInBrowser(userName);
        var token = await Token(userName);
        Assert.Equal(HttpStatusCode.OK, await MeStatus(thief));

        var page = await PageClient.LoggedIn(Factory, userName, Password);
        using (var r = await page.PostForm("/Account/Logout", "/Account/Logout", new Dictionary<string, string>()))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);

        // before: the cookie stayed valid for its 20 idle minutes after the user pressed 退出
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(thief));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(browser));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(Bearer(token)));
        using (var pageAfter = await thief.GetAsync("/Elders"))
            Assert.Equal(HttpStatusCode.Redirect, pageAfter.StatusCode); // to the login page
        Assert.Contains(await Audit("logout"), e => e.UserName == userName && e.Detail == "all-sessions");
        await Token(userName); // and the user can sign in again
    }

    [DbFact]
    public async Task Api_logout_revokes_the_presented_token_only()
    {
        var (_, userName) = await NewUser();
        var first = Bearer(await Token(userName));
        var second = Bearer(await Token(userName));
        using (var r = await first.PostAsync("/api/auth/logout", null))
            await r.ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(first));
        Assert.Equal(HttpStatusCode.OK, await MeStatus(second));
        Assert.Contains(await Audit("logout"), e => e.UserName == userName && e.Detail == "token");
    }

    [DbFact]
    public async Task Disabling_an_account_stops_its_token_and_cookie_at_once_and_enabling_lets_it_sign_in_again()
    {
        var (id, userName) = await NewUser();
        var token = Bearer(await Token(userName));
        var (browser, _) = await SignedInBrowser(userName);
        Assert.Equal(HttpStatusCode.OK, await MeStatus(token)); // cached by the bearer cache (30 s) and the stamp cache

        var security = await As("security");
        var disabled = await security.PostJson($"/api/users/{id}/disable", new { }, HttpStatusCode.OK);
        Assert.False((bool)disabled["isActive"]!);
        // before: the cached token kept working for up to 30 s, the cookie for its idle timeout
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(token));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(browser));
        using (var r = await RequestToken(userName))
            await r.ShouldBeProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().ApiTokens.CountAsync(t => t.UserId == id)));

        await security.PostJson($"/api/users/{id}/enable", new { }, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(token)); // the old token stays revoked
        Assert.Equal(HttpStatusCode.OK, await MeStatus(Bearer(await Token(userName))));
        Assert.Contains(await Audit("user.disable"), e => e.SubjectId == id.ToString() && e.UserName == "security");
        Assert.Contains(await Audit("user.enable"), e => e.SubjectId == id.ToString());
    }

    [DbFact]
    public async Task A_role_change_ends_the_sessions_that_carried_the_old_role()
    {
        var (id, userName) = await NewUser("regulator");
        var token = Bearer(await Token(userName));
        var (browser, _) = await SignedInBrowser(userName);
        var security = await As("security");
        var changed = await security.PostJson($"/api/users/{id}/role", new { role = "call-operator", regionCode = "6102" }, HttpStatusCode.OK);
        Assert.Equal("call-operator", (string?)changed["role"]);
        Assert.Null((string?)changed["bureau"]);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(token));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(browser));
        var me = await Bearer(await Token(userName)).GetJson("/api/auth/me");
        Assert.Equal("call-operator", (string?)me["role"]);
        Assert.Contains(await Audit("user.role"), e => e.SubjectId == id.ToString() && e.Detail == "from=regulator;to=call-operator");
    }

    [DbFact]
    public async Task Role_changes_are_checked_like_new_accounts_and_administrators_are_left_to_the_console()
    {
        var (id, _) = await NewUser("regulator");
        var security = await As("security");
        using (var r = await security.PostAsJsonAsync($"/api/users/{id}/role", new { role = "caregiver" }))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("organizationId"));
        using (var r = await security.PostAsJsonAsync($"/api/users/{id}/role", new { role = "security-admin" }))
            Assert.NotEmpty((await r.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("role"));
        var (adminId, _) = await NewAdmin("audit-admin");
        foreach (var action in new[] { "disable", "role" })
        {
            using var r = await security.PostAsJsonAsync($"/api/users/{adminId}/{action}", new { role = "regulator", bureau = "health", regionCode = "610202" });
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        }
        Assert.True((await LoadUser(adminId)).IsActive);
    }

    [DbFact]
    public async Task A_password_change_ends_every_other_session_and_needs_the_current_password()
    {
        var (id, userName) = await NewUser();
        var other = Bearer(await Token(userName));
        var (browser, _) = await SignedInBrowser(userName);
        var self = Bearer(await Token(userName));

        using (var wrong = await self.PostAsJsonAsync("/api/auth/password", new { currentPassword = "Not-my-password-1", newPassword = "Another-2026-pass" }))
            Assert.NotEmpty((await wrong.ShouldBeProblem(HttpStatusCode.BadRequest)).FieldErrors("currentPassword"));
        Assert.Equal(1, (await LoadUser(id)).FailedLoginCount); // a wrong current password counts towards the lockout

        using (var ok = await self.PostAsJsonAsync("/api/auth/password", new { currentPassword = Password, newPassword = "Another-2026-pass" }))
            await ok.ShouldBe(HttpStatusCode.NoContent);
        foreach (var c in new[] { other, browser, self }) Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(c));
        using (var old = await RequestToken(userName))
            await old.ShouldBeProblem(HttpStatusCode.Unauthorized);
        await Token(userName, "Another-2026-pass");
        Assert.Contains(await Audit("user.password.change"), e => e.SubjectId == id.ToString() && e.UserName == userName);
    }

    [DbFact]
    public async Task The_password_page_keeps_this_browser_signed_in_and_ends_the_others()
    {
        var (_, userName) = await NewUser();
        var (elsewhere, _) = await SignedInBrowser(userName);
        var page = await PageClient.LoggedIn(Factory, userName, Password);
        using (var bad = await page.PostForm("/Account/Password", "/Account/Password", new Dictionary<string, string>
        { ["CurrentPassword"] = Password, ["NewPassword"] = "qwertyuiop123", ["ConfirmPassword"] = "qwertyuiop123" }))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("newPassword-error", await bad.Content.ReadAsStringAsync());
        }
        using (var r = await page.PostForm("/Account/Password", "/Account/Password", new Dictionary<string, string>
        { ["CurrentPassword"] = Password, ["NewPassword"] = "Changed-2026-pass", ["ConfirmPassword"] = "Changed-2026-pass" }))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Contains("密码已修改", await page.GetStringAsync("/Account/Password"));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(elsewhere));
    }

    [DbFact]
    public async Task The_security_admin_signs_a_user_out_everywhere()
    {
        var (id, userName) = await NewUser();
        var token = Bearer(await Token(userName));
        var (browser, _) = await SignedInBrowser(userName);
        var page = await PageClient.LoggedIn(Factory, "security");
        using (var r = await page.PostForm($"/System/Users/{id}", $"/System/Users/{id}?handler=Revoke", new Dictionary<string, string>()))
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(token));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(browser));
        Assert.Contains(await Audit("user.sessions.revoke"), e => e.SubjectId == id.ToString() && e.UserName == "security");

        var again = Bearer(await Token(userName));
        await (await As("security")).PostJson($"/api/users/{id}/revoke-sessions", new { }, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(again));
    }

    [DbFact]
    public async Task Another_node_sees_a_changed_stamp_within_the_session_check_interval()
    {
        // another app node changed the stamp in the database: this node's caches hold the old one for at most the interval
        var (id, userName) = await NewUser();
        using var _ = await AccountSettings(o => o.SessionCheckSeconds = 1);
        var token = Bearer(await Token(userName));
        Assert.Equal(HttpStatusCode.OK, await MeStatus(token));
        await Factory.WithScope(sp => sp.GetRequiredService<YiyangDb>().Users.Where(u => u.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SessionStamp, "changed-on-another-node")));
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // real time: moving the app's clock would date audit checkpoints ahead
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(token));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SessionTestsSqlite(SqliteAppFixture f) : SessionTests(f);

[Collection(PostgresCollection.Name)]
public sealed class SessionTestsPostgres(PostgresAppFixture f) : SessionTests(f), IPostgresTests;
