using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SickbedTests(BrowserFixture fx)
{
    [Fact(DisplayName = "On a 375px phone a doctor sees the round alert of a demo sickbed, opens it without horizontal scrolling and starts a round")]
    public async Task Sickbed_alert_and_round_on_a_phone()
    {
        var page = await fx.NewPageAsync(width: 375, height: 812, axe: true);
        await BrowserFixture.LoginAsync(page, "doctor");
        await page.GotoAsync("/Sickbeds");
        var alert = page.Locator("#alerts li[data-kind='rounds-below-frequency'] a").First;
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToContainTextAsync("查床不足");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll on the list at 375px");
        await BrowserFixture.ScreenshotAsync(page, "11-sickbeds-list-375px");
        await alert.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Sickbeds/Details/\d+"));
        await Expect(page.Locator("#round-alert")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll on the details at 375px");
        var violations = await Axe.RunAsync(page);
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await BrowserFixture.ScreenshotAsync(page, "12-sickbed-details-375px");

        var round = page.Locator("#round-submit");
        var box = await round.BoundingBoxAsync();
        Assert.True(box!.Height >= 60, $"the round button is {box.Height}px tall on a phone");
        await round.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/HomeCare/Visit/\d+"));
        await Expect(page.Locator("#checkin-submit")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
