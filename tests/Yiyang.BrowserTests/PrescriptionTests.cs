using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PrescriptionTests(BrowserFixture fx)
{
    [Fact(DisplayName = "A doctor prescribes a long-term prescription on a phone, sees a refused drug category beside its row, then records today's dispensing")]
    public async Task Prescribe_then_dispense_at_375px()
    {
        var page = await fx.NewPageAsync(width: 375, height: 812);
        await BrowserFixture.LoginAsync(page, "doctor");
        await page.GotoAsync("/HealthManagement");
        await page.Locator("#worklist tbody tr th a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/HealthManagement/Elder/\d+"));
        await page.Locator("#new-prescription").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/HealthManagement/Prescribe\?elderId=\d+"));

        await page.Locator("#diagnosisCode").FillAsync("E78.5");
        await page.Locator("#diagnosisName").FillAsync("高脂血症");
        await page.Locator("#conditionStable").CheckAsync();
        await page.Locator("#items-0-drugName").FillAsync("阿托伐他汀钙片");
        await page.Locator("#items-0-spec").FillAsync("20mg×28片");
        await page.Locator("#items-0-dose").FillAsync("20mg");
        await page.Locator("#items-0-frequency").FillAsync("每晚一次");
        await page.Locator("#items-0-quantity").FillAsync("28");
        await page.Locator("#items-0-unit").FillAsync("片");
        await page.Locator("#items-0-category").SelectOptionAsync("special-storage");
        var box = await page.Locator("#prescribe").BoundingBoxAsync();
        Assert.True(box!.Height >= 44, $"the submit button is {box.Height}px tall");
        await page.Locator("#prescribe").ClickAsync();
        await Expect(page.Locator("#items-0-category-error")).ToHaveTextAsync("第 1 项“阿托伐他汀钙片”为对储存条件有特殊要求的药品，不得开具长期处方。");
        await Expect(page.Locator("#items-0-drugName")).ToHaveValueAsync("阿托伐他汀钙片");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        await BrowserFixture.ScreenshotAsync(page, "ltp-01-refused-category-375px");

        await page.Locator("#items-0-category").SelectOptionAsync("general");
        await page.Locator("#prescribe").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/HealthManagement/Elder/\d+#ltp-\d+"));
        var rx = page.Locator("article.ltp", new() { HasText = "E78.5 高脂血症" });
        await Expect(rx.Locator(".tag")).ToHaveTextAsync("有效");
        await rx.Locator("button", new() { HasText = "登记今日取药" }).ClickAsync();
        await Expect(page.Locator("p.form-ok")).ToHaveTextAsync("已登记取药。");
        await Expect(page.Locator("article.ltp", new() { HasText = "E78.5 高脂血症" })).ToContainTextAsync("已取药 1 次");
        await BrowserFixture.ScreenshotAsync(page, "ltp-02-dispensed-375px");
        await page.Context.CloseAsync();
    }
}
