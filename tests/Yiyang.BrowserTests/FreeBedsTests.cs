using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class FreeBedsTests(BrowserFixture fx)
{
    [Fact(DisplayName = "On a 375px phone anyone finds care homes with free beds by township without logging in, with a tel: link")]
    public async Task Free_beds_on_a_phone()
    {
        var page = await fx.NewPageAsync(width: 375, height: 812, axe: true);
        await page.GotoAsync("/Account/Login");
        await page.Locator("#free-beds-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/FreeBeds$"));
        // demo data: 金华老年公寓, 社会福利院 and 颐养苑 have registered beds
        await Expect(page.Locator("#free-beds > li")).ToHaveCountAsync(3);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        await BrowserFixture.ScreenshotAsync(page, "free-beds-375px");

        await page.Locator("#regionCode").SelectOptionAsync("610202006"); // 王益街道: 社会福利院
        await page.Locator("#search").ClickAsync();
        var card = page.Locator("#free-beds > li");
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card.Locator("h2")).ToHaveTextAsync("王益区社会福利院");
        // 12 beds, 5 residents (demo data); the agreement with the district hospital is in force
        await Expect(card.Locator("[data-free]")).ToHaveTextAsync("7");
        await Expect(card.Locator("[data-agreement]")).ToContainTextAsync("有（铜川市王益区人民医院");
        await Expect(card.Locator("[data-medical-room]")).ToHaveTextAsync("有");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        var violations = await Axe.RunAsync(page);
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        await page.Locator("#kind").SelectOptionAsync("medical");
        await page.Locator("#search").ClickAsync();
        await Expect(page.Locator("#no-results")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact(DisplayName = "Choosing another district of the city reloads the page with that district's townships (page script)")]
    public async Task District_change_reloads_the_townships()
    {
        var page = await fx.NewPageAsync(width: 375, height: 812);
        await page.GotoAsync("/FreeBeds");
        await Expect(page.Locator("#district option")).ToHaveCountAsync(5); // 全市 + 王益区, 印台区, 耀州区, 宜君县
        await page.Locator("#district").SelectOptionAsync("610203");
        await Expect(page).ToHaveURLAsync(new Regex("district=610203"));
        await Expect(page.Locator("#district")).ToHaveValueAsync("610203");
        await Expect(page.Locator("#regionCode option[value='610203002']")).ToHaveCountAsync(1); // 三里洞街道
        await Expect(page.Locator("#regionCode option[value='610202006']")).ToHaveCountAsync(0); // 王益街道 (王益区)
        await page.Context.CloseAsync();
    }

    [Fact(DisplayName = "Staff put a resident on leave and back; a bed conversion to medical use approved by 卫健 shows on the bed board")]
    public async Task Leave_and_conversion_on_the_bed_board()
    {
        var page = await fx.NewPageAsync();
        await BrowserFixture.LoginAsync(page, "nurse");
        await page.GotoAsync("/Institutions");
        await page.Locator("#beds tr:not(:has([data-leave])) a[data-stay]").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Institutions/Stay/\d+"));
        await Expect(page.Locator("#stay-status")).ToHaveTextAsync("在院");
        await page.Locator("#kind").SelectOptionAsync("hospitalised");
        var back = DateTime.UtcNow.AddHours(8).AddDays(4).ToString("yyyy-MM-dd");
        await page.Locator("#expectedReturnOn").FillAsync(back);
        await page.Locator("#leave-submit").ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("已登记外出，床位保留。");
        await Expect(page.Locator("#stay-status")).ToHaveTextAsync($"外出·住院（预计 {back} 返回）");
        await page.Locator("#return-submit").ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("已登记返回。");
        await Expect(page.Locator("#stay-status")).ToHaveTextAsync("在院");
        await BrowserFixture.ScreenshotAsync(page, "stay-leave-returned");

        await page.Locator("#back-to-board").ClickAsync();
        var bed = await page.Locator("#conversionBedId option", new() { HasText = "二病区（养老） 201 1床" }).GetAttributeAsync("value");
        await page.Locator("#conversionBedId").SelectOptionAsync(bed!);
        await page.Locator("#toUse").SelectOptionAsync("medical");
        await page.Locator("#reason").FillAsync("医务室扩充床位");
        await page.Locator("#convert-submit").ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("已提交床位转换申请，等待主管部门审批。");
        await page.Context.CloseAsync();

        var wjw = await fx.NewPageAsync();
        await BrowserFixture.LoginAsync(wjw, "wjw");
        await wjw.GotoAsync("/Institutions/Conversions");
        var item = wjw.Locator("#conversions li[data-status='pending']", new() { HasText = "二病区（养老） 201 1床" });
        await item.Locator("input[name='Note']").FillAsync("同意");
        await item.Locator("button[data-approve]").ClickAsync();
        await Expect(wjw.Locator("#done")).ToHaveTextAsync("已批准，床位按新用途统计。");
        await wjw.Context.CloseAsync();

        var board = await fx.NewPageAsync();
        await BrowserFixture.LoginAsync(board, "nurse");
        await board.GotoAsync("/Institutions");
        await Expect(board.Locator($"tr[data-bed='{bed}'] [data-converted]")).ToHaveTextAsync("现作医疗用途");
        await BrowserFixture.ScreenshotAsync(board, "bed-board-converted");
        await board.Context.CloseAsync();
    }
}
