using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SupervisionDrawTests(BrowserFixture fx)
{
    [Fact(DisplayName = "At 1366px: the district health regulator makes a joint 双随机 plan, draws it from a seed and sees the drawn organizations with two inspectors each")]
    public async Task Regulator_plans_and_draws()
    {
        var page = await fx.NewPageAsync(width: 1366, height: 900, axe: true);
        await BrowserFixture.LoginAsync(page, "wjw");
        await page.GotoAsync("/");
        await page.Locator("a.nav-link[href='/Supervision/Plans']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("双随机抽查计划");

        var name = "浏览器测试抽查" + Guid.NewGuid().ToString("N")[..4];
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#ratioPercent").FillAsync("25");
        await page.Locator("#joint-civil-affairs").CheckAsync();
        await page.Locator("#create").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("#message")).ToContainTextAsync("已制定计划");

        await page.Locator("#seed-input").FillAsync("browser-1366");
        await page.Locator("#draw").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("已抽取");
        await Expect(page.Locator("#seed")).ToHaveTextAsync("browser-1366");
        var rows = page.Locator("#assignments tbody tr");
        Assert.True(await rows.CountAsync() >= 1);
        await Expect(rows.First.Locator("td").Nth(2)).ToContainTextAsync("、"); // two inspectors
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await BrowserFixture.ScreenshotAsync(page, "supervision-draw-1366");

        // a redraw asks for its reason and keeps the first draw
        await page.Locator("#draw").ClickAsync();
        await Expect(page.Locator("#reason-error")).ToBeVisibleAsync();
        await page.Locator("#reason").FillAsync("抽取时名录有误，已更正");
        await page.Locator("#draw").ClickAsync();
        await Expect(page.Locator("#draw-history li")).ToHaveCountAsync(2);
        await page.Context.CloseAsync();
    }

    [Fact(DisplayName = "On a 375px phone: an inspector drawn for organizations sees their tasks with fellow inspectors and opens the checklist")]
    public async Task Inspector_sees_the_tasks_on_a_phone()
    {
        using var wjw = await fx.ApiAs("wjw");
        var plan = await ApiSetup.Post(wjw, "/api/inspections/plans", new
        {
            name = "手机端任务测试" + Guid.NewGuid().ToString("N")[..4],
            bureau = "health",
            jointBureaus = new[] { "civil-affairs" },
            ratioPercent = 100,
            regionCode = "610202",
        });
        var draw = await ApiSetup.Post(wjw, $"/api/inspections/plans/{plan.GetProperty("id").GetInt64()}/draw", new { seed = "phone-375" });
        using var jdy1 = await fx.ApiAs("jdy1");
        var me = (await jdy1.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetInt64();
        var mine = draw.GetProperty("entities").EnumerateArray()
            .Where(e => e.GetProperty("inspectorIds").EnumerateArray().Any(i => i.GetInt64() == me)).ToList();
        Assert.NotEmpty(mine); // every organization drawn: jdy1 is among them with this seed

        var page = await fx.NewPageAsync(width: 375, height: 812, axe: true);
        await BrowserFixture.LoginAsync(page, "jdy1");
        await page.GotoAsync("/Supervision/MyInspections");
        var org = mine[0].GetProperty("organizationId").GetInt64();
        var card = page.Locator($"[data-assignment='{draw.GetProperty("drawId").GetInt64()}-{org}']");
        await Expect(card).ToContainTextAsync("同组监督员");
        await card.Locator("summary").First.ClickAsync();
        await Expect(card.Locator("details ol li").First).ToBeVisibleAsync();
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await BrowserFixture.ScreenshotAsync(page, "supervision-tasks-375");
        await page.Context.CloseAsync();
    }
}
