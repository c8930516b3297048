using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AdmissionByIdTests(BrowserFixture fx)
{
    [Fact(DisplayName = "On a 375px phone a care home admits an elder registered at a health centre by ID card, transfers and discharges; the bed board shows both beds free")]
    public async Task Admit_by_id_card_transfer_and_discharge()
    {
        // set-up through the API: an elder registered by the 黄堡镇 health centre, two free beds of 社会福利院
        using var hbdoctor = await fx.ApiAs("hbdoctor");
        using var caregiver = await fx.ApiAs("caregiver");
        var idNumber = IdNumbers.NewValid();
        const string name = "骆秋云";
        await ApiSetup.HuangbaoElder(hbdoctor, name, idNumber, "13800005678", "王益区黄堡镇新街8号");
        var orgId = await ApiSetup.OrganizationId(caregiver);
        var ward = "身份证" + Guid.NewGuid().ToString("N")[..4];
        var first = await ApiSetup.Bed(caregiver, orgId, ward, "101");
        var second = await ApiSetup.Bed(caregiver, orgId, ward, "102", "elder-care");

        var page = await fx.NewPageAsync(width: 375, height: 812, axe: true);
        await BrowserFixture.LoginAsync(page, "caregiver");
        await page.GotoAsync("/Institutions");
        // the elder picker is the default way; the ID-card fields appear on choosing it
        await Expect(page.Locator("#idNumber")).ToBeHiddenAsync();
        await page.Locator("#admitBy-id").CheckAsync();
        await Expect(page.Locator("#elderQ")).ToBeHiddenAsync(); // the elder picker is for the institution's own elders
        await page.Locator("#idNumber").FillAsync(idNumber);
        await page.Locator("#name").FillAsync("骆秋");
        await page.Locator("#bedId").SelectOptionAsync(first.ToString());
        await page.Locator("#admit-submit").ClickAsync();
        await Expect(page.Locator("#idNumber-error")).ToHaveTextAsync("未找到身份证号与姓名相符的老年人档案。请核对，或先为其建档。");
        await Expect(page.Locator("#idNumber")).ToBeVisibleAsync(); // the choice is kept
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        await page.Locator("#name").FillAsync(name);
        await page.Locator("#bedId").SelectOptionAsync(first.ToString());
        await page.Locator("#admit-submit").ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("已办理入住。");
        await Expect(page.Locator($"tr[data-bed='{first}']")).ToContainTextAsync("骆**");
        await BrowserFixture.ScreenshotAsync(page, "admit-by-id-375px");

        // the stay page: transfer to the other free bed
        await page.Locator($"tr[data-bed='{first}'] a[data-stay]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Institutions/Stay/\d+"));
        await Expect(page.Locator("#bed-label")).ToHaveTextAsync($"{ward} 101 1床");
        await page.Locator("#bedId").SelectOptionAsync(second.ToString());
        await page.Locator("#transfer-submit").ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("已转床。");
        await Expect(page.Locator("#bed-label")).ToHaveTextAsync($"{ward} 102 1床");

        // discharge: not without the confirmation box, then final
        await page.Locator("#reason").SelectOptionAsync("discharged");
        await page.Locator("#discharge-submit").ClickAsync();
        await Expect(page.Locator("#confirm-error")).ToHaveTextAsync("离院办理后不能撤销，请核对后勾选确认。");
        await Expect(page.Locator("#stay-status")).ToHaveTextAsync("在院");
        await page.Locator("#confirm").CheckAsync();
        await page.Locator("#discharge-submit").ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("已办理离院，床位已空出。");
        await Expect(page.Locator("#stay-status")).ToHaveTextAsync(new Regex(@"^已离院（出院，\d{4}-\d{2}-\d{2}）$"));
        await Expect(page.Locator("#discharge-form")).ToHaveCountAsync(0);
        await Expect(page.Locator("#transfer-form")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        await BrowserFixture.ScreenshotAsync(page, "stay-discharged-375px");

        // the bed board: both beds free
        await page.Locator("#back-to-board").ClickAsync();
        await Expect(page.Locator($"tr[data-bed='{first}']")).ToContainTextAsync("空床");
        await Expect(page.Locator($"tr[data-bed='{second}']")).ToContainTextAsync("空床");
        await page.Context.CloseAsync();
    }
}
