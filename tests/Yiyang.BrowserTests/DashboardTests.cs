using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture fx)
{
    [Fact(DisplayName = "The home page draws the township bar chart with ECharts (one bar per township)")]
    public async Task Home_page_draws_the_township_chart()
    {
        var page = await fx.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "city");
        await page.GotoAsync("/");
        var chart = page.Locator(".chart");
        await Expect(chart.Locator("svg")).ToHaveCountAsync(1);
        // the township names of 王益区 are drawn as axis labels
        await Expect(chart.Locator("svg text", new() { HasText = "黄堡镇" })).ToHaveCountAsync(1);
        var rows = await page.Locator("table.data tbody tr").CountAsync();
        Assert.Equal(7, rows);
        await BrowserFixture.ScreenshotAsync(page, "08-home-chart");
        await page.Context.CloseAsync();
    }
}
