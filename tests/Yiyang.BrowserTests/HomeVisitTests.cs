using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class HomeVisitTests(BrowserFixture fx)
{
    [Fact(DisplayName = "On a 375px phone a nurse opens the work list, starts a visit, sees the message for an implausible blood pressure, corrects it and finishes the visit")]
    public async Task Home_visit_on_a_phone()
    {
        var page = await fx.NewPageAsync(width: 375, height: 812);
        await BrowserFixture.LoginAsync(page, "nurse");
        await page.GotoAsync("/HomeCare");
        var start = page.Locator("#overdue button", new() { HasText = "开始上门" }).First;
        await Expect(start).ToBeVisibleAsync();
        var box = await start.BoundingBoxAsync();
        Assert.True(box!.Height >= 60, $"the start button is {box.Height}px tall on a phone");
        await start.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/HomeCare/Visit/\d+"));

        await page.Locator("#checkin-submit").ClickAsync();
        await Expect(page.Locator("#checked-in-at")).ToBeVisibleAsync();

        await page.Locator("#systolic").FillAsync("1200");
        await page.Locator("#diastolic").FillAsync("80");
        await page.Locator("#pulse").FillAsync("72");
        await page.Locator("#vitals-submit").ClickAsync();
        var error = page.Locator("#vitals-systolic-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("收缩压");
        await Expect(page.Locator("#systolic")).ToHaveAttributeAsync("aria-invalid", "true");
        await BrowserFixture.ScreenshotAsync(page, "09-visit-wrong-vital-375px");

        await page.Locator("#systolic").FillAsync("135");
        await page.Locator("#vitals-submit").ClickAsync();
        await Expect(page.Locator("#message")).ToBeVisibleAsync();
        await Expect(page.Locator("#vitals-systolic-error")).ToHaveCountAsync(0);
        await Expect(page.Locator("#systolic")).ToHaveValueAsync("135");

        await page.Locator("#notes").FillAsync("血压平稳，嘱按时服药。");
        await page.Locator("#by-self").CheckAsync();
        await page.Locator("#distance").FillAsync("1.5");
        await page.Locator("#complete-submit").ClickAsync();
        await Expect(page.Locator("#completed")).ToBeVisibleAsync();
        await Expect(page.Locator("#charges")).ToBeVisibleAsync();
        await Expect(page.Locator("#vitals-summary")).ToContainTextAsync("135/80");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        await BrowserFixture.ScreenshotAsync(page, "10-visit-completed-375px");
        await page.Context.CloseAsync();
    }
}
