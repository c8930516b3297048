using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ElderListTests(BrowserFixture fx)
{
    [Fact(DisplayName = "A list with more matches than are counted says so, advises narrowing the search, and pages up to the counted ones")]
    public async Task A_capped_list_says_more_than_and_pages()
    {
        var page = await fx.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "admin");
        await page.GotoAsync("/Elders");
        var count = page.Locator("#result-count");
        await Expect(count).ToContainTextAsync("找到超过 60 人");
        await Expect(count).ToContainTextAsync("缩小范围");
        var pager = page.Locator("nav.pager");
        await Expect(pager).ToContainTextAsync("超过 60 条，第 1 / 3 页");
        await Expect(page.Locator("#elders tbody tr")).ToHaveCountAsync(20);

        await pager.GetByRole(AriaRole.Link, new() { Name = "下一页" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"page=2$"));
        await pager.GetByRole(AriaRole.Link, new() { Name = "下一页" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"page=3$"));
        await Expect(pager).ToContainTextAsync("第 3 / 3 页");
        await Expect(pager.GetByRole(AriaRole.Link, new() { Name = "下一页" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#elders tbody tr")).ToHaveCountAsync(20);
        await BrowserFixture.ScreenshotAsync(page, "elders-capped-list");

        // a narrower search is counted exactly
        await page.Locator("#q").FillAsync("查无此人");
        await page.Locator("#search").ClickAsync();
        await Expect(count).ToHaveTextAsync("找到 0 人");
        await Expect(pager).ToContainTextAsync("共 0 条");
    }
}
