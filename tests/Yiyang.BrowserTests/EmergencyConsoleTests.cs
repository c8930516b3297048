using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Yiyang.Modules.Emergency;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class EmergencyConsoleTests(BrowserFixture fx)
{
    [Fact(DisplayName = "The operator's queue is live: a new alarm and a ringing call appear without reloading, with a visual cue, also after the stream has resumed")]
    public async Task Queue_updates_itself()
    {
        var operatorApi = await fx.ApiAs("operator");
        var elders = await operatorApi.GetFromJsonAsync<JsonElement>("/api/elders?pageSize=1");
        var elderId = elders.GetProperty("items")[0].GetProperty("id").GetInt64();
        var device = await ApiSetup.Post(operatorApi, "/api/devices",
            new { elderId, kind = "sos-button", serial = "SOS-" + Guid.NewGuid().ToString("N")[..10], installedAt = "客厅" });
        using var deviceApi = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        deviceApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", device.GetProperty("secret").GetString());

        var page = await fx.NewPageAsync(axe: true);
        await BrowserFixture.LoginAsync(page, "operator");
        await page.GotoAsync("/Emergency");
        await Expect(page.Locator("#live-status")).ToHaveTextAsync("实时更新已连接");
        await page.Locator("#sound-toggle").ClickAsync();
        await Expect(page.Locator("#sound-toggle")).ToHaveAttributeAsync("aria-pressed", "true");

        var accepted = await ApiSetup.Post(deviceApi, "/api/alarms",
            new { deviceId = device.GetProperty("id").GetInt64(), messageId = "sos-" + Guid.NewGuid().ToString("N"), kind = "sos", at = DateTimeOffset.UtcNow });
        var incidentId = accepted.GetProperty("incidentId").GetInt64();
        var row = page.Locator($"#incidents tr[data-incident='{incidentId}']");
        await Expect(row).ToContainTextAsync("客厅", new() { Timeout = 20_000 });
        await Expect(row).ToHaveClassAsync(new Regex("flash"));
        await Expect(page.Locator("#live-alert")).ToContainTextAsync("新事件（1 级）");
        await BrowserFixture.ScreenshotAsync(page, "emergency-console-live");
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        // the stream ends itself every few seconds here; the browser resumes with Last-Event-ID and misses nothing
        await page.WaitForTimeoutAsync(9_000);
        // the telephony gateway pushes a ringing call
        var secret = "yyg_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        fx.Services.GetRequiredService<IOptions<EmergencyOptions>>().Value.Gateways.Add(new TelephonyGateway
        {
            Name = "browser-gw",
            SecretSha256 = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))),
            RegionCode = "6102",
        });
        using var gatewayApi = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        gatewayApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        await ApiSetup.Post(gatewayApi, "/api/calls/incoming", new { callerNumber = "13900000000", line = "12349-1", at = DateTimeOffset.UtcNow });
        await Expect(page.Locator("#ringing-calls")).ToContainTextAsync("来电振铃", new() { Timeout = 20_000 });
        await Expect(page.Locator("#live-alert")).ToContainTextAsync("来电振铃");
        await Expect(page.Locator("#live-status")).ToHaveTextAsync("实时更新已连接");
        await page.Context.CloseAsync();
    }
}
