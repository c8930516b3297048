using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AssessmentFormTests(BrowserFixture fx)
{
    /// <summary>Registers a new elder of 金华 through the API (as the doctor) so that the test owns its data.</summary>
    private static async Task<long> NewElderAsync(IPage page)
    {
        var api = page.APIRequest;
        var token = await api.PostAsync("/api/auth/token", new() { DataObject = new { userName = "doctor", password = YiyangServer.DemoPassword } });
        var accessToken = (await token.JsonAsync())!.Value.GetProperty("accessToken").GetString()!;
        var headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + accessToken };
        var me = await (await api.GetAsync("/api/auth/me", new() { Headers = headers })).JsonAsync();
        var orgId = me!.Value.GetProperty("organizationId").GetInt64();
        var created = await api.PostAsync("/api/elders", new()
        {
            Headers = headers,
            DataObject = new
            {
                name = "贺兰秋",
                idNumber = IdNumbers.NewValid(),
                phone = "13800001234",
                townshipCode = "610202002",
                address = "王益区红旗街1号",
                insuranceType = "01",
                flags = new[] { "disabled" },
                responsibleOrganizationId = orgId,
            },
        });
        Assert.True(created.Ok, $"register elder: {created.Status} {await created.TextAsync()}");
        return (await created.JsonAsync())!.Value.GetProperty("id").GetInt64();
    }

    private static Task Answer(IPage page, string item, int score) => page.Locator($"[id='{item}-{score}']").CheckAsync();

    [Fact(DisplayName = "On a tablet a doctor fills a whole GB/T 42195 form, sees the running total and level change, signs it, and the saved result, care level and proposed care plan follow")]
    public async Task Gbt42195_form_with_running_score()
    {
        var page = await fx.NewPageAsync(width: 820, height: 1180);
        var elderId = await NewElderAsync(page);
        await BrowserFixture.LoginAsync(page, "doctor");
        await page.GotoAsync($"/Assessments/Record?elderId={elderId}&code=gbt42195-2022");
        var panel = page.Locator("#running-score");
        await Expect(panel).ToBeVisibleAsync(); // shown by the script
        await Expect(page.Locator("#running-total")).ToHaveTextAsync("0");
        await Expect(page.Locator("#running-missing")).ToContainTextAsync("26 项");

        // the worked example, by hand: B1 4+3+2+4+4+3+3+2 = 25; B2 4+3+3+2 = 12; B3 4+4+4+3+4+4+1+1+2 = 27;
        // B4 2+1+3+2+3 = 11; total 75 → 66–89 → 1 级 能力轻度受损
        int[] b1 = [4, 3, 2, 4, 4, 3, 3, 2], b2 = [4, 3, 3, 2], b3 = [4, 4, 4, 3, 4, 4, 1, 1, 2], b4 = [2, 1, 3, 2, 3];
        for (var i = 0; i < b1.Length; i++) await Answer(page, $"B1.{i + 1}", b1[i]);
        await Expect(page.Locator("#running-subtotal-B1")).ToHaveTextAsync("25");
        await Expect(page.Locator("#running-total")).ToHaveTextAsync("25");
        await Expect(page.Locator("#running-level")).ToHaveTextAsync("—"); // not all answered yet
        for (var i = 0; i < b2.Length; i++) await Answer(page, $"B2.{i + 1}", b2[i]);
        for (var i = 0; i < b3.Length; i++) await Answer(page, $"B3.{i + 1}", b3[i]);
        await Expect(page.Locator("#running-total")).ToHaveTextAsync("64");
        for (var i = 0; i < b4.Length - 1; i++) await Answer(page, $"B4.{i + 1}", b4[i]);
        await Expect(page.Locator("#running-missing")).ToContainTextAsync("1 项");
        await Answer(page, "B4.5", 3);
        await Expect(page.Locator("#running-subtotal-B4")).ToHaveTextAsync("11");
        await Expect(page.Locator("#running-total")).ToHaveTextAsync("75");
        await Expect(page.Locator("#running-level")).ToHaveTextAsync("1 级 · 能力轻度受损（轻度失能）");
        await Expect(page.Locator("#running-final")).ToHaveTextAsync("1 级 · 能力轻度受损（轻度失能）");

        // changing one answer moves the total: B1.1 4 → 0 gives 71, still level 1; back to 4
        await Answer(page, "B1.1", 0);
        await Expect(page.Locator("#running-total")).ToHaveTextAsync("71");
        await Answer(page, "B1.1", 4);
        await Expect(page.Locator("#running-total")).ToHaveTextAsync("75");

        // two care-risk events in 30 days (a fall and a choking) raise the final level by one (C.4): 2 级
        await page.Locator("[id='riskEvents30d.fall']").FillAsync("1");
        await page.Locator("[id='riskEvents30d.choking']").FillAsync("1");
        await Expect(page.Locator("#running-final")).ToHaveTextAsync("2 级 · 能力中度受损（中度失能）");
        await Expect(page.Locator("#running-level")).ToHaveTextAsync("1 级 · 能力轻度受损（轻度失能）");
        await BrowserFixture.ScreenshotAsync(page, "11-gbt42195-running-score-tablet");

        await page.Locator("#assessor-0").FillAsync("李建华");
        await page.Locator("#assessor-1").FillAsync("王丽");
        await page.Locator("#sign").ClickAsync();
        await Expect(page.Locator("#assessment-status")).ToHaveTextAsync("已签署");
        await Expect(page.Locator("#result-total")).ToHaveTextAsync("75");
        await Expect(page.Locator("#result-preliminary")).ToHaveTextAsync("1 级 · 能力轻度受损（轻度失能）");
        await Expect(page.Locator("#result-final")).ToHaveTextAsync("2 级 · 能力中度受损（中度失能）");
        await Expect(page.Locator("#running-score")).ToHaveCountAsync(0); // a signed assessment is read-only

        // the elder's page: care level from the signed assessment (2 级 → 二级照护), then a proposed plan, confirmed
        await page.GotoAsync($"/Assessments/Elder/{elderId}");
        await Expect(page.Locator("#care-level")).ToHaveTextAsync("2 级 · 二级照护（中度）");
        await page.Locator("#propose").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Assessments/CarePlan/\d+"));
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("草稿");
        await Expect(page.Locator("#item-0-code")).ToHaveValueAsync("FD-HV");
        await page.Locator("#item-1-count").FillAsync("4");
        await page.Locator("#confirm").ClickAsync();
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("生效中");
        await Expect(page.Locator("#plan-items tr[data-code='CARE-DAILY']")).ToContainTextAsync("每周 4 次");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 821"), "no horizontal scroll on the tablet");
        await BrowserFixture.ScreenshotAsync(page, "12-care-plan-confirmed-tablet");
        await page.Context.CloseAsync();
    }
}
