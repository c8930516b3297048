using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SupervisionLicensingTests(BrowserFixture fx)
{
    [Fact(DisplayName = "At 1366px: the civil-affairs regulator accepts a 医养结合 filing, asks for documents, approves it, and the licence shows from the organization's page")]
    public async Task Regulator_accepts_asks_for_documents_decides_and_the_licence_shows()
    {
        // the organization's admin applies and uploads the required documents (API)
        using var orgadmin = await fx.ApiAs("orgadmin");
        var jinhua = await ApiSetup.OrganizationId(orgadmin);
        var app = await ApiSetup.Post(orgadmin, "/api/licensing/applications", new { kind = "integrated-filing", elderCareBeds = 50, nursingBeds = 40 });
        var id = app.GetProperty("id").GetInt64();
        var pdf = Convert.ToBase64String("%PDF-1.4\n% browser\n%%EOF\n"u8.ToArray());
        foreach (var d in app.GetProperty("requiredDocuments").EnumerateArray())
            await ApiSetup.Post(orgadmin, $"/api/licensing/applications/{id}/documents", new
            {
                documentType = d.GetProperty("code").GetString(),
                fileName = d.GetProperty("name").GetString() + ".pdf",
                contentType = "application/pdf",
                contentBase64 = pdf,
            });

        var page = await fx.NewPageAsync(width: 1366, height: 900, axe: true);
        await BrowserFixture.LoginAsync(page, "mzj");
        await page.GotoAsync("/");
        await page.Locator("a.nav-link[href='/Supervision/Licensing']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("许可审批");
        await page.Locator($"#open-applications tr[data-application='{id}'] a").ClickAsync();
        await Expect(page.Locator("#application-status")).ToHaveTextAsync("已提交待受理");

        await page.Locator("#accept").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("已受理");
        await Expect(page.Locator("#application-status")).ToHaveTextAsync("已受理审查中");
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        await page.Locator("#request-documents").ClickAsync(); // empty: the reason is asked for beside the field
        await Expect(page.Locator("#request.is-invalid")).ToBeVisibleAsync();
        await page.Locator("#request").FillAsync("请补正医疗机构执业许可证副本（清晰扫描件）");
        await page.Locator("#request-documents").ClickAsync();
        await Expect(page.Locator("#application-status")).ToHaveTextAsync("待补正材料");
        await Expect(page.Locator("#deadline")).ToContainTextAsync("停止计时");

        await page.Locator("#documents-received").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("恢复计时");
        var number = "MZ-BROWSER-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await page.Locator("#outcome-approved").CheckAsync();
        await page.Locator("#licenceNo").FillAsync(number);
        await Expect(page.Locator("#d-elderCareBeds")).ToHaveValueAsync("50");
        await page.Locator("#decide").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync(number);
        await Expect(page.Locator("#application-status")).ToHaveTextAsync("已批准");
        await BrowserFixture.ScreenshotAsync(page, "supervision-licensing-1366");

        await page.GotoAsync($"/Organizations/Details/{jinhua}");
        await page.Locator("a#licences").ClickAsync();
        var row = page.Locator("#licences tbody tr", new() { HasText = number });
        await Expect(row).ToContainTextAsync("养老 50");
        await Expect(row).ToContainTextAsync("护理型 40");
        await page.Context.CloseAsync();
    }
}
