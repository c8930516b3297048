using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class BillingVisitTests(BrowserFixture fx)
{
    /// <summary>Plans today's package visit (FD-BP, FD-GLU, FD-HV, FD-HA) for a contracted elder of 金华, through the API.</summary>
    private async Task<long> PlanPackageVisitAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        using var token = await http.PostAsJsonAsync("/api/auth/token", new { userName = "doctor", password = YiyangServer.DemoPassword });
        token.EnsureSuccessStatusCode();
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var contracts = await http.GetFromJsonAsync<JsonElement>("/api/family-doctor/contracts?status=active&pageSize=50");
        // the last contracted elder: the other phone test starts visits for the first overdue elders
        var elderId = contracts.GetProperty("items").EnumerateArray().Last().GetProperty("elderId").GetInt64();
        using var created = await http.PostAsJsonAsync("/api/home-visits", new { elderId, source = "package" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact(DisplayName = "On a 375px phone a doctor opens today's list, checks in, sees the message for a wrong vital, finishes the package visit and sees the covered items at ¥0")]
    public async Task Package_visit_charges_on_a_phone()
    {
        var visitId = await PlanPackageVisitAsync();
        var page = await fx.NewPageAsync(width: 375, height: 812);
        await BrowserFixture.LoginAsync(page, "doctor");
        await page.GotoAsync("/HomeCare");
        var open = page.Locator($"#visits a[href='/HomeCare/Visit/{visitId}']");
        await Expect(open).ToBeVisibleAsync();
        await open.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/HomeCare/Visit/{visitId}$"));

        await page.Locator("#checkin-submit").ClickAsync();
        await Expect(page.Locator("#checked-in-at")).ToBeVisibleAsync();

        await page.Locator("#systolic").FillAsync("128");
        await page.Locator("#diastolic").FillAsync("82");
        await page.Locator("#glucose").FillAsync("60");
        await page.Locator("#vitals-submit").ClickAsync();
        var error = page.Locator("#vitals-glucose-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("血糖");
        await Expect(page.Locator("#glucose")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.Locator("#glucose").FillAsync("6.1");
        await page.Locator("#vitals-submit").ClickAsync();
        await Expect(page.Locator("#message")).ToBeVisibleAsync();

        foreach (var code in new[] { "FD-BP", "FD-GLU", "FD-HV", "FD-HA" })
        {
            var item = page.Locator("#services li", new() { HasText = code });
            await item.Locator("button", new() { HasText = "已完成" }).ClickAsync();
            await Expect(item.Locator("span.tag")).ToHaveTextAsync("已完成");
        }

        await page.Locator("#by-self").CheckAsync();
        await page.Locator("#complete-submit").ClickAsync();
        // 金华 charges the 上门服务费 by distance: the message is beside the distance field
        await Expect(page.Locator("#complete-distanceKm-error")).ToContainTextAsync("上门距离");
        await page.Locator("#distance").FillAsync("2.5");
        await page.Locator("#complete-submit").ClickAsync();
        await Expect(page.Locator("#completed")).ToBeVisibleAsync();

        var bp = page.Locator("#charges li.charge[data-code='FD-BP']");
        await Expect(bp.Locator(".charge-amount")).ToHaveTextAsync("¥0.00");
        await Expect(bp.Locator(".charge-cover")).ToContainTextAsync("家庭医生签约服务包");
        await Expect(bp).ToContainTextAsync("标价 ¥5.00");
        await Expect(page.Locator("#charges li.charge[data-code='SERVICE-FEE'] .charge-amount")).ToHaveTextAsync("¥20.00");
        await Expect(page.Locator("#patient-total")).ToHaveTextAsync("¥20.00");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        await BrowserFixture.ScreenshotAsync(page, "11-visit-charges-375px");
        await page.Context.CloseAsync();
    }
}
