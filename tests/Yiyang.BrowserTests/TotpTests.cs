using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using OtpNet;
using Yiyang.Modules.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class TotpTests(BrowserFixture fx)
{
    private static string CodeAt(string secret, DateTime utc) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(utc);

    [Fact(DisplayName = "A caregiver who must use a second factor enrols with the QR page, keeps the recovery codes, and signs in again with a code")]
    public async Task Enrol_then_sign_in_with_a_code()
    {
        // a user of the test's own: a caregiver may reveal phones, so the second factor is required when it is on
        var security = await fx.ApiAs("security"); // tokens issued before the setting changes
        var caregiver = await fx.ApiAs("caregiver");
        var org = (await caregiver.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("organizationId").GetInt64();
        var userName = "totp" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Browser-2026-pass";
        await ApiSetup.Post(security, "/api/users", new { userName, displayName = "动态口令测试", password, role = "caregiver", organizationId = org });

        var settings = fx.Services.GetRequiredService<IOptions<AccountOptions>>().Value;
        var saved = settings.RequireTotp;
        settings.RequireTotp = true;
        try
        {
            var page = await fx.NewPageAsync(axe: true);
            await BrowserFixture.LoginAsync(page, userName, password);
            await Expect(page).ToHaveURLAsync(new Regex("/Account/Totp$"));
            await Expect(page.Locator("#totp-required")).ToBeVisibleAsync();
            await Expect(page.Locator("#totp-qr")).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"));
            Assert.Empty(await Axe.RunAsync(page));
            await BrowserFixture.ScreenshotAsync(page, "40-totp-enrolment");

            // until enrolled, any other page leads back here
            await page.GotoAsync("/Elders");
            await Expect(page).ToHaveURLAsync(new Regex("/Account/Totp$"));

            var secret = (await page.Locator("#totp-secret").InnerTextAsync()).Replace(" ", "");
            await page.Locator("#code").FillAsync(CodeAt(secret, DateTime.UtcNow));
            await page.Locator("#totp-confirm").ClickAsync();
            await Expect(page.Locator("#totp-enrolled")).ToBeVisibleAsync();
            await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
            await BrowserFixture.ScreenshotAsync(page, "41-totp-recovery-codes");
            await page.Locator("#codes-saved").ClickAsync();
            await Expect(page.Locator(".user-name")).ToContainTextAsync(userName);

            // sign out, and in again: the code is asked for after the password
            await page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/Account/Login$"));
            await page.Locator("#UserName").FillAsync(userName);
            await page.Locator("#Password").FillAsync(password);
            await page.Locator("#login-submit").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginCode$"));
            Assert.Empty(await Axe.RunAsync(page));
            await BrowserFixture.ScreenshotAsync(page, "42-totp-login-code");
            await page.Locator("#Code").FillAsync("000000");
            await page.Locator("#code-submit").ClickAsync();
            await Expect(page.Locator("#code-error")).ToContainTextAsync("动态口令或恢复码不正确");
            // the enrolment used this 30-second step's code; the next step's code is accepted already (one step of drift)
            await page.Locator("#Code").FillAsync(CodeAt(secret, DateTime.UtcNow.AddSeconds(30)));
            await page.Locator("#code-submit").ClickAsync();
            await Expect(page.Locator(".user-name")).ToContainTextAsync(userName);
            await page.GotoAsync("/Account/Totp");
            await Expect(page.Locator("#totp-status")).ToContainTextAsync("剩余未使用的恢复码：10 个");
            await page.Context.CloseAsync();
        }
        finally
        {
            settings.RequireTotp = saved;
        }
    }
}
