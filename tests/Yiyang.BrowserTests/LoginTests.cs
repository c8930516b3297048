using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class LoginTests(BrowserFixture fx)
{
    [Fact(DisplayName = "A wrong password shows a Chinese error on the login page, and an anonymous visit to /Elders goes to the login page")]
    public async Task Wrong_password_and_anonymous_redirect()
    {
        var page = await fx.NewPageAsync();

        // anonymous: /Elders redirects to the login page and remembers where to return
        await page.GotoAsync("/Elders");
        await Expect(page).ToHaveURLAsync(new Regex(@"/Account/Login\?ReturnUrl=%2FElders$", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#UserName")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#elders").CountAsync());

        // a wrong password (on a user no other test logs in with, so no lockout affects the suite)
        await page.Locator("#UserName").FillAsync("caregiver");
        await page.Locator("#Password").FillAsync("wrong-password-1");
        await page.Locator("#login-submit").ClickAsync();
        var error = page.Locator("#login-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToHaveTextAsync(new Regex("[\u4e00-\u9fff]")); // Chinese text
        await Expect(error).ToContainTextAsync("用户名或密码不正确");
        await Expect(error).ToHaveAttributeAsync("role", "alert");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#UserName")).ToHaveValueAsync("caregiver");
        await Expect(page.Locator("#Password")).ToHaveValueAsync("");
        await BrowserFixture.ScreenshotAsync(page, "05-login-wrong-password");
        await page.Context.CloseAsync();
    }
}
