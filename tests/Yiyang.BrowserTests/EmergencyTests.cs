using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class EmergencyTests(BrowserFixture fx)
{
    [Fact(DisplayName = "An alarm sent with a device secret appears on the call operator's queue; the operator acknowledges, dispatches and resolves it, also on a 375 px screen")]
    public async Task Operator_answers_a_device_alarm()
    {
        // a fall detector bound to a 王益区 elder by the call centre; the alarm comes with the device's own secret
        var operatorApi = await fx.ApiAs("operator");
        var elders = await operatorApi.GetFromJsonAsync<JsonElement>("/api/elders?pageSize=1");
        var elderId = elders.GetProperty("items")[0].GetProperty("id").GetInt64();
        var device = await ApiSetup.Post(operatorApi, "/api/devices",
            new { elderId, kind = "fall-detector", serial = "FD-" + Guid.NewGuid().ToString("N")[..10], installedAt = "卫生间" });
        using var deviceApi = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        deviceApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", device.GetProperty("secret").GetString());
        var accepted = await ApiSetup.Post(deviceApi, "/api/alarms",
            new { deviceId = device.GetProperty("id").GetInt64(), messageId = "fall-" + Guid.NewGuid().ToString("N"), kind = "fall", at = DateTimeOffset.UtcNow });
        var incidentId = accepted.GetProperty("incidentId").GetInt64();

        var page = await fx.NewPageAsync(axe: true);
        await BrowserFixture.LoginAsync(page, "operator");
        await page.Locator("nav a", new() { HasText = "应急事件" }).ClickAsync();
        var row = page.Locator($"#incidents tr[data-incident='{incidentId}']");
        await Expect(row).ToContainTextAsync("跌倒");
        await Expect(row).ToContainTextAsync("1 级");
        await Expect(row).ToContainTextAsync("卫生间");
        await Expect(row).ToContainTextAsync("新事件");
        await BrowserFixture.ScreenshotAsync(page, "emergency-queue");
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        await row.Locator("a").ClickAsync();
        await page.WaitForURLAsync($"**/Emergency/Incidents/{incidentId}");
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("新事件");
        await page.Locator("#ack-note").FillAsync("已回拨，老人称摔倒后起不来");
        await page.Locator("#acknowledge").ClickAsync();
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("已受理");
        await Expect(page.Locator("#answer-seconds")).ToBeVisibleAsync();

        // dispatch without choosing whom: the message stands beside the field
        await page.Locator("#dispatch").ClickAsync();
        await Expect(page.Locator("#responderKind-error")).ToContainTextAsync("请选择派单对象");
        await page.Locator("#responderKind").SelectOptionAsync("family-doctor-team");
        await page.Locator("#responderName").FillAsync("金华社区家庭医生团队");
        await page.Locator("#dispatch").ClickAsync();
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("已派单");
        await Expect(page.Locator("#dispatches")).ToContainTextAsync("家庭医生团队：金华社区家庭医生团队");
        serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await page.Context.CloseAsync();

        // the rest on a phone-sized screen
        var phone = await fx.NewPageAsync(width: 375, height: 800);
        await BrowserFixture.LoginAsync(phone, "operator");
        await phone.GotoAsync($"/Emergency/Incidents/{incidentId}");
        await phone.Locator("#on-scene").ClickAsync();
        await Expect(phone.Locator("#incident-status")).ToHaveTextAsync("已到场");
        await phone.Locator("#outcome-select").SelectOptionAsync("family-doctor-visit");
        await phone.Locator("#resolve-note").FillAsync("家庭医生上门查看，无骨折，已嘱家属陪护");
        await phone.Locator("#resolve").ClickAsync();
        await Expect(phone.Locator("#incident-status")).ToHaveTextAsync("已处置");
        await Expect(phone.Locator("#outcome")).ToContainTextAsync("家庭医生上门");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        await BrowserFixture.ScreenshotAsync(phone, "emergency-incident-375px");
        await phone.GotoAsync("/Emergency");
        await Expect(phone.Locator($"#settled tr[data-incident='{incidentId}']")).ToContainTextAsync("家庭医生上门");
        await phone.Context.CloseAsync();
    }
}
