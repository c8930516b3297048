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
        await BrowserFixture.LoginAsync(page, "city");
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

    [Fact(DisplayName = "A search by full ID number is posted: the ID never appears in the address bar, and a regulator sees the age, not the birth date")]
    public async Task A_search_by_ID_keeps_it_out_of_the_URL_and_a_regulator_sees_the_age()
    {
        var id = IdNumbers.NewValid();
        var admin = await fx.ApiAs("city");
        var elder = await ApiSetup.Post(admin, "/api/elders", new { name = "查证老人", idNumber = id, townshipCode = "610202002" });
        var elderId = elder.GetProperty("id").GetInt64();

        var page = await fx.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "wjw");
        var urls = new List<string>();
        page.Request += (_, r) => urls.Add(r.Url);
        await page.GotoAsync("/Elders");
        await page.Locator("#q").FillAsync(id);
        await page.Locator("#search").ClickAsync();
        await Expect(page.Locator("#result-count")).ToHaveTextAsync("找到 1 人");
        Assert.DoesNotContain(id, page.Url);
        await page.Locator("#elders").GetByRole(AriaRole.Link, new() { Name = "查证老人" }).ClickAsync();
        await page.WaitForURLAsync($"**/Elders/Details/{elderId}");
        Assert.All(urls, u => Assert.DoesNotContain(id, u));

        await Expect(page.Locator("#age")).ToContainTextAsync("岁");
        await Expect(page.Locator("#birth")).ToHaveCountAsync(0);
        var birth = DateOnly.ParseExact(id.Substring(6, 8), "yyyyMMdd");
        Assert.DoesNotContain($"{birth.Year}年{birth.Month}月{birth.Day}日", await page.ContentAsync());
        await page.Context.CloseAsync();
    }
}
