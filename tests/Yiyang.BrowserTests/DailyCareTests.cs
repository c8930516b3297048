using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class DailyCareTests(BrowserFixture fx)
{
    [Fact(DisplayName = "On a 375px phone a caregiver opens today's care, marks two items done and one not done with a reason, and sees the progress")]
    public async Task Daily_care_on_a_phone()
    {
        var page = await fx.NewPageAsync(width: 375, height: 812);
        await BrowserFixture.LoginAsync(page, "caregiver");
        await page.GotoAsync("/DailyCare");
        // demo data: four residents of 王益区社会福利院, one of them on leave
        await Expect(page.Locator("#residents [data-leave]")).ToHaveCountAsync(1);
        var resident = page.Locator("#residents li:not(:has([data-leave])) a").First;
        var box = await resident.BoundingBoxAsync();
        Assert.True(box!.Height >= 44, $"the resident link is {box.Height}px tall on a phone");
        await resident.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/DailyCare/Resident/\d+"));
        await Expect(page.Locator("#progress")).ToContainTextAsync("已完成 0，未完成 0");

        var pending = page.Locator("#items li[data-status='pending']");
        var done = pending.First.Locator("[data-done]");
        var doneBox = await done.BoundingBoxAsync();
        Assert.True(doneBox!.Height >= 44, $"the done button is {doneBox.Height}px tall");
        await done.ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("已完成");
        await pending.First.Locator("[data-done]").ClickAsync();
        await Expect(page.Locator("#progress")).ToContainTextAsync("已完成 2，未完成 0");

        // not done without a reason: the message is beside the item
        var item = pending.First;
        var key = await item.GetAttributeAsync("data-item");
        await item.Locator("[data-not-done]").ClickAsync();
        var error = page.Locator($"#reason-{key}-error");
        await Expect(error).ToContainTextAsync("原因");
        await Expect(page.Locator($"#reason-{key}")).ToHaveAttributeAsync("aria-invalid", "true");
        await BrowserFixture.ScreenshotAsync(page, "dailycare-reason-missing-375px");

        await page.Locator($"#reason-{key}").SelectOptionAsync("refused");
        await page.Locator($"li[data-item='{key}'] [data-not-done]").ClickAsync();
        await Expect(page.Locator("#progress")).ToContainTextAsync("已完成 2，未完成 1");
        await Expect(page.Locator($"li[data-item='{key}'] [data-recorded]")).ToContainTextAsync("未完成：拒绝");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        await BrowserFixture.ScreenshotAsync(page, "dailycare-resident-375px");

        await page.GotoAsync("/DailyCare");
        await Expect(page.Locator("#residents [data-progress]").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
