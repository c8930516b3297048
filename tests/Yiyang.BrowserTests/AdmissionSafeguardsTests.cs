using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AdmissionSafeguardsTests(BrowserFixture fx)
{
    [Fact(DisplayName = "An admission by ID card of an elder registered elsewhere: a second member of staff checks in on a 375px phone, the health centre marks the notice read, and the regulator records a finding")]
    public async Task Check_in_notice_and_review()
    {
        // set-up through the API: an elder of the 黄堡镇 health centre admitted by ID card at 社会福利院 by the caregiver
        using var hbdoctor = await fx.ApiAs("hbdoctor");
        using var caregiver = await fx.ApiAs("caregiver");
        using var security = await fx.ApiAs("security");
        var idNumber = IdNumbers.NewValid();
        const string name = "骆春华";
        await ApiSetup.HuangbaoElder(hbdoctor, name, idNumber, "13800006789", "王益区黄堡镇东街3号");
        var orgId = await ApiSetup.OrganizationId(caregiver);
        var bed = await ApiSetup.Bed(caregiver, orgId, "核验" + Guid.NewGuid().ToString("N")[..4], "201");
        var stayId = (await ApiSetup.Post(caregiver, $"/api/institutions/{orgId}/admissions", new { idNumber, name, bedId = bed })).GetProperty("id").GetInt64();
        var colleague = "fl" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Browser-2026-pass";
        await ApiSetup.Post(security, "/api/users", new { userName = colleague, displayName = "福利院管理员", password, role = "institution-admin", organizationId = orgId });

        // the colleague checks the elder in on a phone
        var page = await fx.NewPageAsync(width: 375, height: 812, axe: true);
        await BrowserFixture.LoginAsync(page, colleague, password);
        await page.GotoAsync($"/Institutions/Stay/{stayId}");
        await Expect(page.Locator("#awaiting-check-in")).ToContainTextAsync("登记前不能查看老人的电话、地址和联系人");
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await page.Locator("#checkInNote").FillAsync("老人与家属一同到院");
        await page.Locator("#check-in-submit").ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("已登记到院，入住已确认。");
        await Expect(page.Locator("#checked-in")).ToContainTextAsync(colleague);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        await BrowserFixture.ScreenshotAsync(page, "stay-check-in-375px");
        await page.Context.CloseAsync();

        // the health centre sees where its elder went
        page = await fx.NewPageAsync(axe: true);
        await BrowserFixture.LoginAsync(page, "hbdoctor");
        await page.GotoAsync("/");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "跨机构入住通知" }).ClickAsync();
        var notice = page.Locator("#notices tr", new() { HasText = "骆**" }).First;
        await Expect(notice).ToContainTextAsync("在院");
        await notice.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { NameRegex = new Regex("^已阅") }).ClickAsync();
        await Expect(page.Locator("#notices tr", new() { HasText = "骆**" }).First).ToContainTextAsync("hbdoctor");
        Assert.DoesNotContain(await Axe.RunAsync(page), v => v.Impact is "serious" or "critical");
        await page.Context.CloseAsync();

        // the regulator reviews: 存疑 needs a note
        page = await fx.NewPageAsync(width: 1366, height: 900, axe: true);
        await BrowserFixture.LoginAsync(page, "wjw");
        await page.GotoAsync("/Institutions/AdmissionReviews");
        var card = page.Locator("section[data-review]", new() { HasText = "骆**" }).First;
        await Expect(card).ToContainTextAsync("王益区黄堡镇中心卫生院");
        await card.GetByLabel("存疑，转入监督检查").CheckAsync();
        await card.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "提交审查结论" }).ClickAsync();
        await Expect(page.Locator("#note-error")).ToHaveTextAsync("结论为存疑时请填写审查意见。");
        card = page.Locator("section[data-review]", new() { HasText = "骆**" }).First;
        await card.GetByLabel("审查意见（存疑时必填）").FillAsync("与原登记机构核实中");
        await card.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "提交审查结论" }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("已记录审查结论。");
        await page.Locator("#show-all").ClickAsync();
        await Expect(page.Locator("section[data-review]", new() { HasText = "骆**" }).First.Locator(".review-outcome")).ToContainTextAsync("存疑");
        Assert.DoesNotContain(await Axe.RunAsync(page), v => v.Impact is "serious" or "critical");
        await BrowserFixture.ScreenshotAsync(page, "admission-review-1366px");
        await page.Context.CloseAsync();
    }
}
