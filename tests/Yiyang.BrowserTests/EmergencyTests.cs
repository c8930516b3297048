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
        await page.Locator("#responderKind").SelectOptionAsync("community-worker");
        await page.Locator("#responderName").FillAsync("红旗街社区网格员");
        await page.Locator("#dispatch").ClickAsync();
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("已派单");
        await Expect(page.Locator("#dispatches")).ToContainTextAsync("社区工作人员：红旗街社区网格员");
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

    [Fact(DisplayName = "An operator takes a call by the caller's number, confirms the elder, triages a fall, opens and dispatches an incident; the contracted team's nurse accepts, arrives and reports on a 375 px phone")]
    public async Task Operator_takes_a_call_and_the_team_answers_on_a_phone()
    {
        // the 金华 doctor registers an elder with a phone, and signs them with a team of the centre
        var doctorApi = await fx.ApiAs("doctor");
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var elder = await ApiSetup.Post(doctorApi, "/api/elders", new
        {
            name = "应急测试老人",
            idNumber = IdNumbers.NewValid(),
            phone,
            townshipCode = "610202002",
            address = "王益区红旗街9号",
            insuranceType = "01",
            flags = Array.Empty<string>(),
            contacts = new[] { new { name = "王建国", relation = "儿子", phone = "13700001234" } },
        });
        var elderId = elder.GetProperty("id").GetInt64();
        var teamName = "应急一队" + Guid.NewGuid().ToString("N")[..4];
        var team = await ApiSetup.Post(doctorApi, "/api/family-doctor/teams", new
        {
            name = teamName,
            members = new object[] { new { name = "李建华", role = "general-practitioner", isLeader = true } },
        });
        var package = await ApiSetup.Post(doctorApi, "/api/family-doctor/packages", new
        {
            name = "基础包" + Guid.NewGuid().ToString("N")[..4],
            annualFee = 0m,
            insuranceFund = 0m,
            publicHealthFund = 0m,
            elderPays = 0m,
            items = new object[] { new { serviceCode = "BP01", serviceName = "血压测量", quantity = 4, period = "year" } },
        });
        await ApiSetup.Post(doctorApi, "/api/family-doctor/contracts",
            new { elderId, teamId = team.GetProperty("id").GetInt64(), packageId = package.GetProperty("id").GetInt64() });

        var page = await fx.NewPageAsync(axe: true);
        await BrowserFixture.LoginAsync(page, "operator");
        await page.GotoAsync("/Emergency");
        await page.Locator("#calls-link").ClickAsync();
        await page.Locator("#callerNumber").FillAsync(phone);
        await page.Locator("#open-call").ClickAsync();
        await page.WaitForURLAsync("**/Emergency/Calls/*");
        await Expect(page.Locator("#call-status")).ToHaveTextAsync("通话中");
        await Expect(page.Locator("h1")).Not.ToContainTextAsync(phone); // masked
        var candidate = page.Locator($"#candidates li[data-elder='{elderId}']");
        await Expect(candidate).ToContainTextAsync("本人");
        await candidate.Locator("button").ClickAsync();
        await Expect(page.Locator("#matched")).ToContainTextAsync("应急测试老人");

        // the fall script: without answers the messages stand beside the questions
        await page.Locator("#script-fall summary").ClickAsync();
        await page.Locator("#triage-fall").ClickAsync();
        await Expect(page.Locator("#script-fall .field-error, #script-fall .invalid-feedback").First).ToBeVisibleAsync();
        await page.Locator("#fall-head-or-unconscious-yes").CheckAsync();
        await page.Locator("#fall-cannot-get-up-yes").CheckAsync();
        await page.Locator("#fall-pain-or-deformity-no").CheckAsync();
        await page.Locator("#fall-anticoagulant-unknown").CheckAsync();
        await page.Locator("#triage-fall").ClickAsync();
        await Expect(page.Locator("#triaged")).ToContainTextAsync("跌倒，优先级 1 级");
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await page.Locator("#call-outcome-select").SelectOptionAsync("incident");
        await page.Locator("#complete").ClickAsync();
        await Expect(page.Locator("#call-status")).ToHaveTextAsync("已结束");
        await page.Locator("#incident-link").ClickAsync();
        await page.WaitForURLAsync("**/Emergency/Incidents/*");
        var incidentId = long.Parse(page.Url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("#incident-priority")).ToHaveTextAsync("1 级");
        await page.Locator("#acknowledge").ClickAsync();
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("已受理");
        await page.Locator("#responderKind").SelectOptionAsync("family-doctor-team");
        await page.Locator("#dispatch").ClickAsync();
        await Expect(page.Locator("#incident-status")).ToHaveTextAsync("已派单");
        await Expect(page.Locator("#dispatches")).ToContainTextAsync(teamName);
        await Expect(page.Locator("#dispatches")).ToContainTextAsync("待接单");
        await BrowserFixture.ScreenshotAsync(page, "emergency-call-dispatched");
        await page.Context.CloseAsync();

        // the team's nurse on a phone-sized screen
        var phonePage = await fx.NewPageAsync(width: 375, height: 800, axe: true);
        await BrowserFixture.LoginAsync(phonePage, "nurse");
        await phonePage.GotoAsync("/Emergency/Tasks");
        var card = phonePage.Locator("article[data-task]", new() { HasText = "应急测试老人" }).First;
        await Expect(card).ToContainTextAsync("待接单");
        await card.Locator("button", new() { HasText = "接单" }).ClickAsync();
        card = phonePage.Locator("article[data-task]", new() { HasText = "应急测试老人" }).First;
        await Expect(card).ToContainTextAsync("已接单");
        await card.Locator("button", new() { HasText = "已到达" }).ClickAsync();
        card = phonePage.Locator("article[data-task]", new() { HasText = "应急测试老人" }).First;
        await Expect(card).ToContainTextAsync("已到场");
        await card.Locator("select").SelectOptionAsync("family-doctor-visit");
        await card.Locator("textarea").FillAsync("上门查看，无骨折，已嘱家属陪护");
        Assert.True(await phonePage.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        serious = (await Axe.RunAsync(phonePage)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await BrowserFixture.ScreenshotAsync(phonePage, "emergency-task-375px");
        await card.Locator("button", new() { HasText = "反馈结果" }).ClickAsync();
        card = phonePage.Locator("article[data-task]", new() { HasText = "应急测试老人" }).First;
        await Expect(card).ToContainTextAsync("已反馈");
        await phonePage.Context.CloseAsync();

        var operatorApi = await fx.ApiAs("operator");
        var incident = await operatorApi.GetFromJsonAsync<JsonElement>($"/api/incidents/{incidentId}");
        Assert.Equal("resolved", incident.GetProperty("status").GetString());
        Assert.Equal("family-doctor-visit", incident.GetProperty("outcome").GetString());
    }
}
