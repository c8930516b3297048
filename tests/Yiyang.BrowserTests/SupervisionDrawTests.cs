using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
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

[Collection(BrowserCollection.Name)]
public sealed class SupervisionInspectionTests(BrowserFixture fx)
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    /// <summary>
    /// The publication due date is 20 working days after today: when that reaches a year whose notice is not entered yet
    /// (December), this throw-away database gets a test calendar for it (weekends only), entered by the platform admin.
    /// </summary>
    private async Task EnsureNextYearsCalendar()
    {
        using var admin = await fx.ApiAs("admin");
        var year = DateTime.UtcNow.AddHours(8).Year + 1;
        using var r = await admin.GetAsync($"/api/working-days/calendars/{year}");
        if (r.IsSuccessStatusCode) return;
        using var put = await admin.PutAsJsonAsync($"/api/working-days/calendars/{year}", new
        {
            source = "浏览器测试用日历（非官方通知）",
            holidays = Array.Empty<object>(),
            makeUpDays = Array.Empty<object>(),
        });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    [Fact(DisplayName = "On a 375px phone: a drawn inspector starts the on-site inspection, records every item, adds a photo, has the representative sign on screen and finishes")]
    public async Task Inspector_records_an_inspection_on_a_phone()
    {
        await EnsureNextYearsCalendar();
        using var wjw = await fx.ApiAs("wjw");
        var plan = await ApiSetup.Post(wjw, "/api/inspections/plans", new
        {
            name = "现场检查浏览器测试" + Guid.NewGuid().ToString("N")[..4],
            bureau = "health",
            ratioPercent = 100,
            regionCode = "610202002",
        });
        var draw = await ApiSetup.Post(wjw, $"/api/inspections/plans/{plan.GetProperty("id").GetInt64()}/draw", new { seed = "onsite-375" });
        var entity = draw.GetProperty("entities")[0];
        var inspectorId = entity.GetProperty("inspectorIds")[0].GetInt64();
        using var security = await fx.ApiAs("security");
        var users = await security.GetFromJsonAsync<JsonElement>("/api/users");
        var inspector = users.EnumerateArray().Single(u => u.GetProperty("id").GetInt64() == inspectorId).GetProperty("userName").GetString()!;

        var page = await fx.NewPageAsync(width: 375, height: 812, axe: true);
        await BrowserFixture.LoginAsync(page, inspector);
        await page.GotoAsync("/Supervision/MyInspections");
        var card = page.Locator($"[data-assignment='{draw.GetProperty("drawId").GetInt64()}-{entity.GetProperty("organizationId").GetInt64()}']");
        await card.Locator("button.start-inspection").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("现场检查");
        await Expect(page.Locator("#status")).ToHaveTextAsync("检查中");

        var passes = page.Locator(".inspection-item input[value='pass']");
        for (var n = 0; n < await passes.CountAsync(); n++) await passes.Nth(n).CheckAsync();
        await page.Locator(".inspection-item input[value='fail']").First.CheckAsync();
        await page.Locator(".inspection-item textarea").First.FillAsync("消防通道堆放杂物");
        await page.Locator("#save-results").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("已保存检查结果");

        await page.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "通道.png", MimeType = "image/png", Buffer = Convert.FromBase64String(Png) });
        await page.Locator("#photo-item").SelectOptionAsync("1");
        await page.Locator("#upload-photo").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("已上传照片");
        await Expect(page.Locator("#photos figure img")).ToHaveCountAsync(1);

        await page.Locator("#representativeName").FillAsync("王院长");
        await page.Locator("#signature-pad").ScrollIntoViewIfNeededAsync(); // the mouse works in the viewport's coordinates
        var pad = await page.Locator("#signature-pad").BoundingBoxAsync();
        Assert.NotNull(pad);
        await page.Mouse.MoveAsync(pad.X + 20, pad.Y + 40);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(pad.X + 120, pad.Y + 120, new() { Steps = 8 });
        await page.Mouse.MoveAsync(pad.X + 220, pad.Y + 50, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await page.Locator("#save-signature").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("已保存机构代表签名");
        await Expect(page.Locator("#signed")).ToContainTextAsync("王院长");

        var present = page.Locator("#finish input[name='Present']");
        for (var n = 0; n < await present.CountAsync(); n++) await present.Nth(n).CheckAsync();
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await BrowserFixture.ScreenshotAsync(page, "supervision-inspection-375");
        await page.Locator("#finish-inspection").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("检查已完成");
        await Expect(page.Locator("#status")).ToHaveTextAsync("已完成");
        await Expect(page.Locator("#outcome")).ToContainTextAsync("发现问题");
        await Expect(page.Locator("#publication-due")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2}$"));
        await Expect(page.Locator("#result img.signature-image")).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"the page is {width}px wide at 375px");
        await page.Context.CloseAsync();
    }
}
