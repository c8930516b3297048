using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class HealthManagementTests(BrowserFixture fx)
{
    [Fact(DisplayName = "A doctor picks an elder without a TCM record from the work list, answers the 33 questions with large radio buttons and sees the constitution")]
    public async Task Tcm_record_on_a_tablet()
    {
        var page = await fx.NewPageAsync(width: 768, height: 1024);
        await BrowserFixture.LoginAsync(page, "doctor");
        await page.GotoAsync("/HealthManagement");
        // only the elders without this year's record
        await page.Locator("#state").SelectOptionAsync("none");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"state=none"));
        await Expect(page.Locator("#worklist caption")).ToContainTextAsync("年度体检未建立");
        var checks = await page.Locator("#worklist td[data-label=年度体检]").AllTextContentsAsync();
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.Equal("未建立", c.Trim()));
        var row = page.Locator("#worklist tbody tr", new() { HasText = "未建立" }).Filter(new() { Has = page.Locator("td[data-label=中医药健康管理]", new() { HasText = "未建立" }) }).First;
        await row.Locator("th a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/HealthManagement/Elder/\d+"));
        await page.Locator("#new-tcm").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/HealthManagement/Tcm\?elderId=\d+"));

        var first = page.Locator("#Q1-1");
        var box = await page.Locator("label[for=Q1-1]").Locator("..").BoundingBoxAsync();
        Assert.True(box!.Height >= 44, $"an answer row is {box.Height}px tall");
        // leave Q5 open: the message appears beside it
        for (var q = 1; q <= 33; q++)
            if (q != 5) await page.Locator($"#Q{q}-1").CheckAsync();
        await page.Locator("#save").ClickAsync();
        await Expect(page.Locator("#items\\.Q5-error")).ToBeVisibleAsync();
        await Expect(first).ToBeCheckedAsync();
        await page.Locator("#Q5-1").CheckAsync();
        await page.Locator("#save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/HealthManagement/Tcm/\d+"));
        await Expect(page.Locator("#conclusion")).ToContainTextAsync("平和质（是）");
        await Expect(page.Locator("#completeness")).ToContainTextAsync("完整");
        await BrowserFixture.ScreenshotAsync(page, "hm-01-tcm-result-tablet");
        await page.Context.CloseAsync();
    }

    [Fact(DisplayName = "A regulator sees the rates of the district as numbers and a bar chart, and drills into the contributing records with masked names")]
    public async Task Rates_page()
    {
        var page = await fx.NewPageAsync(width: 375, height: 812);
        await BrowserFixture.LoginAsync(page, "wjw");
        await page.GotoAsync("/HealthManagement/Rates");
        await Expect(page.Locator(".chart svg")).ToBeVisibleAsync();
        var rate = page.Locator("tr[data-indicator=elderly-health-management] .rate");
        await Expect(rate).ToHaveTextAsync(new Regex(@"^\d+\.\d\d%$"));
        await page.Locator("tr[data-indicator=tcm-health-management] th a").ClickAsync();
        await Expect(page.Locator("#records-h")).ToContainTextAsync("中医药健康管理率");
        await Expect(page.Locator("#drill tbody th").First).ToHaveTextAsync(new Regex(@"^.\*\*$"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        await BrowserFixture.ScreenshotAsync(page, "hm-02-rates-375px");
        await page.Context.CloseAsync();
    }
}
