using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Accounts;

/// <summary>
/// The second factor where it is required (Accounts:RequireTotp on, as in Production): the three administrators and the
/// roles that may reveal personal data enrol before they can work, then sign in with a code or a recovery code.
/// </summary>
public abstract partial class TotpTests(AppFixture fixture) : AccountTestBase(fixture)
{
    [GeneratedRegex("id=\"totp-secret\">([A-Z2-7 ]+)<")]
    private static partial Regex SecretOnPage();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCodeOnPage();

    /// <summary>The second factor on, as in Production, until disposed.</summary>
    private Task<IDisposable> Required() => AccountSettings(o => o.RequireTotp = true);

    /// <summary>The code an authenticator app shows now (by the app's clock).</summary>
    private string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Factory.Clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The code of the next 30-second step: accepted already (one step of clock drift), and newer than the one the
    /// enrolment used (each code is good once), so a test needs neither to wait nor to move the app's clock.
    /// </summary>
    private string NextCode(string secret) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Factory.Clock.GetUtcNow().AddSeconds(30).UtcDateTime);

    /// <summary>Signs in on the login page, enrols on the enrolment page and returns the secret, the recovery codes and the browser.</summary>
    private async Task<(string Secret, List<string> RecoveryCodes, HttpClient Browser)> Enrol(string userName)
    {
        var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var login = await browser.PostForm("/Account/Login", "/Account/Login", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal("/Account/Totp", login.Headers.Location?.OriginalString);
        }
        var page = await browser.GetStringAsync("/Account/Totp");
        Assert.Contains("data:image/png;base64,", page); // the QR code of the otpauth URI
        var secret = SecretOnPage().Match(page).Groups[1].Value.Replace(" ", "");
        Assert.Equal(32, secret.Length);
        var enrolment = Regex.Match(page, "name=\"Enrolment\" value=\"([^\"]+)\"").Groups[1].Value;
        using var confirm = await browser.PostForm("/Account/Totp", "/Account/Totp?handler=Confirm",
            new Dictionary<string, string> { ["Enrolment"] = enrolment, ["Code"] = Code(secret) });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var codes = RecoveryCodeOnPage().Matches(await confirm.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        return (secret, codes, browser);
    }

    [DbFact]
    public async Task Administrators_and_revealing_roles_get_no_token_before_they_enrol()
    {
        using var _ = await Required();
        foreach (var role in new[] { "platform-admin", "security-admin", "audit-admin" })
        {
            var (_, admin) = await NewAdmin(role);
            using var r = await RequestToken(admin);
            Assert.Equal("totp-enrolment-required", (string?)(await r.ShouldBeProblem(HttpStatusCode.Forbidden))["code"]);
        }
        var (_, caregiver) = await NewUser("caregiver"); // may reveal phone and address
        using (var r = await RequestToken(caregiver))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        var (_, regulator) = await NewUser("regulator"); // reveals nothing: not in the default list
        await Token(regulator);
    }

    [DbFact]
    public async Task Before_enrolling_a_user_reaches_only_the_enrolment_page()
    {
        using var _ = await Required();
        var (_, userName) = await NewAdmin("audit-admin");
        var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await browser.PostForm("/Account/Login", "/Account/Login", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = Password })) { }
        using (var r = await browser.GetAsync("/Audit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Equal("/Account/Totp", r.Headers.Location?.OriginalString);
        }
        using (var api = await browser.GetAsync("/api/audit"))
            Assert.Equal("totp-enrolment-required", (string?)(await api.ShouldBeProblem(HttpStatusCode.Forbidden))["code"]);
        Assert.Contains("您的角色须使用动态口令登录", await browser.GetStringAsync("/Account/Totp"));
    }

    [DbFact]
    public async Task An_enrolled_administrator_signs_in_with_a_code_once_and_with_each_recovery_code_once()
    {
        using var _ = await Required();
        var (id, userName) = await NewAdmin("security-admin");
        var (secret, recovery, browser) = await Enrol(userName);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/System")).StatusCode); // the enrolment signed the browser in fully
        Assert.Contains(await Audit("user.totp.enrol"), e => e.SubjectId == id.ToString());

        using (var r = await RequestToken(userName))
            Assert.Equal("otp-required", (string?)(await r.ShouldBeProblem(HttpStatusCode.Unauthorized))["code"]);
        using (var r = await RequestToken(userName, otp: "000000"))
            Assert.Equal("invalid-otp", (string?)(await r.ShouldBeProblem(HttpStatusCode.Unauthorized))["code"]);
        var code = NextCode(secret);
        await Token(userName, otp: code);
        using (var replay = await RequestToken(userName, otp: code))
            await replay.ShouldBeProblem(HttpStatusCode.Unauthorized); // a code is good once
        using (var wrongPassword = await RequestToken(userName, "Wrong-password-1", otp: code))
            Assert.Equal("invalid-credentials", (string?)(await wrongPassword.ShouldBeProblem(HttpStatusCode.Unauthorized))["code"]);

        using (var r = await RequestToken(userName, recoveryCode: recovery[3].ToLowerInvariant()))
            await r.ShouldBe(HttpStatusCode.OK);
        using (var again = await RequestToken(userName, recoveryCode: recovery[3]))
            await again.ShouldBeProblem(HttpStatusCode.Unauthorized);
        Assert.Contains(await Audit("login"), e => e.UserId == id && e.Detail == "password;recovery-code");

        // stored encrypted: the column holds no trace of the secret
        var stored = (await LoadUser(id)).TotpSecret!;
        Assert.DoesNotContain(secret[..8], System.Text.Encoding.ASCII.GetString(stored));
    }

    [DbFact]
    public async Task The_login_page_asks_for_the_code_after_the_password()
    {
        using var _ = await Required();
        var (_, userName) = await NewUser("call-operator");
        var (secret, _, _) = await Enrol(userName);
        var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var login = await browser.PostForm("/Account/Login", "/Account/Login", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = Password }))
            Assert.Equal("/Account/LoginCode", login.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(browser)); // not signed in yet
        using (var wrong = await browser.PostForm("/Account/LoginCode", "/Account/LoginCode", new Dictionary<string, string> { ["Code"] = "123456" }))
            Assert.Contains("动态口令或恢复码不正确", await wrong.Content.ReadAsStringAsync());
        using (var ok = await browser.PostForm("/Account/LoginCode", "/Account/LoginCode", new Dictionary<string, string> { ["Code"] = NextCode(secret) }))
            Assert.Equal("/", ok.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, await MeStatus(browser));
    }

    [DbFact]
    public async Task Wrong_codes_count_towards_the_lockout()
    {
        using var _ = await Required();
        var (id, userName) = await NewUser("caregiver");
        var (secret, _, _) = await Enrol(userName);
        for (var i = 0; i < 5; i++)
        {
            using var r = await RequestToken(userName, otp: "00000" + i);
            await r.ShouldBeProblem(HttpStatusCode.Unauthorized);
        }
        Assert.True((await LoadUser(id)).LockedUntil > DateTimeOffset.UtcNow);
        using var right = await RequestToken(userName, otp: NextCode(secret));
        Assert.Equal("invalid-credentials", (string?)(await right.ShouldBeProblem(HttpStatusCode.Unauthorized))["code"]);
    }

    [DbFact]
    public async Task The_security_admin_resets_a_lost_second_factor_and_the_user_enrols_again()
    {
        using var _ = await Required();
        var (id, userName) = await NewUser("caregiver");
        var (secret, _, _) = await Enrol(userName);
        var token = Bearer(await Token(userName, otp: NextCode(secret)));
        var reset = await (await As("security")).PostJson($"/api/users/{id}/reset-totp", new { }, HttpStatusCode.OK);
        Assert.False((bool)reset["totpEnabled"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatus(token));
        using (var r = await RequestToken(userName, otp: NextCode(secret)))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden); // must enrol again
        Assert.Contains(await Audit("user.totp.reset"), e => e.SubjectId == id.ToString());
    }

    [DbFact]
    public async Task The_list_of_roles_that_need_a_second_factor_is_a_setting()
    {
        using var _ = await AccountSettings(o => (o.RequireTotp, o.TotpRoles) = (true, ["regulator"]));
        var (_, regulator) = await NewUser("regulator");
        using (var r = await RequestToken(regulator))
            await r.ShouldBeProblem(HttpStatusCode.Forbidden);
        var (_, caregiver) = await NewUser("caregiver");
        await Token(caregiver);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TotpTestsSqlite(SqliteAppFixture f) : TotpTests(f);

[Collection(PostgresCollection.Name)]
public sealed class TotpTestsPostgres(PostgresAppFixture f) : TotpTests(f), IPostgresTests;
