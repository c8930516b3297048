using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class VitalAlertTests(BrowserFixture fx)
{
    [Fact(DisplayName = "A nurse types a systolic of 185 and sees the warning beside the field; the doctor sees the alert in the inbox, marks it read and the badge goes")]
    public async Task Dangerous_vital_reaches_the_doctors_inbox()
    {
        // a new doctor of the nurse's centre: nothing in their inbox yet (without a contract, the centre's doctors are told)
        using var nurseApi = await fx.ApiAs("nurse");
        var orgId = await ApiSetup.OrganizationId(nurseApi);
        using var security = await fx.ApiAs("security");
        var doctorName = "vdoc" + Guid.NewGuid().ToString("N")[..8];
        await ApiSetup.Post(security, "/api/users", new { userName = doctorName, displayName = "值班医生", password = YiyangServer.DemoPassword, role = "doctor", organizationId = orgId });

        var page = await fx.NewPageAsync(width: 375, height: 812, axe: true);
        await BrowserFixture.LoginAsync(page, "nurse");
        await page.GotoAsync("/HomeCare");
        await page.Locator("#overdue button", new() { HasText = "开始上门" }).Last.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/HomeCare/Visit/\d+"));
        await page.Locator("#checkin-submit").ClickAsync();
        await Expect(page.Locator("#checked-in-at")).ToBeVisibleAsync();

        // the warning appears as the value is typed, before saving
        await Expect(page.Locator("#systolic-warning")).ToBeHiddenAsync();
        await page.Locator("#systolic").FillAsync("185");
        await Expect(page.Locator("#systolic-warning")).ToBeVisibleAsync();
        await Expect(page.Locator("#systolic-warning")).ToContainTextAsync("超出预警阈值");
        await page.Locator("#diastolic").FillAsync("95");
        await Expect(page.Locator("#diastolic-warning")).ToBeHiddenAsync();
        await page.Locator("#vitals-submit").ClickAsync();
        await Expect(page.Locator("#message")).ToBeVisibleAsync();
        // and after saving, from the server: beside the field and on the visit
        await Expect(page.Locator("#systolic-warning")).ToContainTextAsync("收缩压 185");
        await Expect(page.Locator("#vital-breaches")).ToContainTextAsync("体征异常");
        await BrowserFixture.ScreenshotAsync(page, "40-visit-vital-warning-375px");
        await NoSeriousViolations(page);
        await page.Context.CloseAsync();

        var doctor = await fx.NewPageAsync(width: 1366, height: 900, axe: true);
        await BrowserFixture.LoginAsync(doctor, doctorName);
        await Expect(doctor.Locator("#inbox-badge")).ToHaveTextAsync("1");
        await doctor.Locator("#inbox-link").ClickAsync();
        await Expect(doctor).ToHaveURLAsync(new Regex("/Inbox$"));
        var message = doctor.Locator("#inbox li.unread");
        await Expect(message).ToHaveCountAsync(1);
        await Expect(message).ToContainTextAsync("收缩压 185");
        await BrowserFixture.ScreenshotAsync(doctor, "41-doctor-inbox-1366px");
        await NoSeriousViolations(doctor);
        await message.Locator("button", new() { HasText = "标为已读" }).ClickAsync();
        await Expect(doctor.Locator("#message")).ToContainTextAsync("已标为已读");
        await Expect(doctor.Locator("#inbox li.unread")).ToHaveCountAsync(0);
        await Expect(doctor.Locator("#inbox-badge")).ToHaveCountAsync(0);
        await doctor.Context.CloseAsync();
    }

    private static async Task NoSeriousViolations(Microsoft.Playwright.IPage page)
    {
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
