using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class MainWorkflowTests(BrowserFixture fx)
{
    [Fact(DisplayName = "A doctor registers an elder, fixes a wrong ID check digit, finds the elder, reveals the ID with a reason, and the auditor sees that reveal but never the ID")]
    public async Task Register_correct_find_reveal_and_audit()
    {
        var validId = IdNumbers.NewValid();
        var wrongId = IdNumbers.WithWrongCheck(validId);
        var page = await fx.NewPageAsync();

        // 1. log in as a doctor (who may reveal the ID; the platform admin reads no personal data) and open the registration form
        await BrowserFixture.LoginAsync(page, "doctor");
        await page.GotoAsync("/Elders/Create");
        await page.Locator("#name").FillAsync("测试老人");
        await page.Locator("#idNumber").FillAsync(wrongId);
        await page.Locator("#phone").FillAsync("13912345678");
        await page.Locator("#townshipCode").SelectOptionAsync("610202100");
        await page.Locator("#save").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        // 2. the wrong check digit is explained in Chinese next to the ID field, which is marked invalid and focused
        var idInput = page.Locator("#idNumber");
        var idError = page.Locator("#idNumber-error");
        await Expect(idError).ToBeVisibleAsync();
        await Expect(idError).ToContainTextAsync("校验码");
        await Expect(idInput).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(idInput).ToHaveAttributeAsync("aria-describedby", new Regex(@"\bidNumber-error\b"));
        Assert.True(await idError.EvaluateAsync<bool>("e => e.parentElement === document.getElementById('idNumber').parentElement"),
            "#idNumber-error should sit in the same field group as #idNumber");
        await Expect(idInput).ToBeFocusedAsync();
        await Expect(page.Locator("#name")).ToHaveValueAsync("测试老人");
        await BrowserFixture.ScreenshotAsync(page, "01-create-wrong-check-digit");

        // 3. correct the ID and save: lands on the new elder's details
        await idInput.FillAsync(validId);
        await page.Locator("#save").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/Elders/Details/\d+$"));
        var elderId = Regex.Match(page.Url, @"/Elders/Details/(\d+)$").Groups[1].Value;
        await Expect(page.Locator("h1")).ToContainTextAsync("测试老人");

        // 4. find the elder by the first characters of the name
        await page.GotoAsync("/Elders");
        await page.Locator("#q").FillAsync("测试");
        await page.Locator("#search").ClickAsync();
        await Expect(page.Locator("#result-count")).ToBeVisibleAsync();
        var link = page.Locator("#elders").GetByRole(AriaRole.Link, new() { Name = "测试老人", Exact = true });
        await Expect(link).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "02-elders-search");

        // 5. details show the ID masked: first 3 + 11 asterisks + last 4
        await link.ClickAsync();
        await page.WaitForURLAsync($"**/Elders/Details/{elderId}");
        var idSpan = page.Locator("#id-number");
        var masked = validId[..3] + new string('*', 11) + validId[^4..];
        await Expect(idSpan).ToHaveTextAsync(masked);
        Assert.Equal(18, (await idSpan.InnerTextAsync()).Trim().Length);
        Assert.DoesNotContain(validId, await page.ContentAsync());

        // 6. reveal with a reason: the full ID is shown, and the reveal is on the timeline
        await page.Locator("#reveal-field").SelectOptionAsync("idNumber");
        await page.Locator("#reveal-reason").FillAsync("上门核对身份");
        await page.Locator("#reveal-submit").ClickAsync();
        await Expect(idSpan).ToHaveTextAsync(validId);
        await Expect(idSpan).ToHaveClassAsync(new Regex(@"\brevealed\b"));
        await Expect(page.Locator("#timeline")).ToContainTextAsync("上门核对身份");
        await BrowserFixture.ScreenshotAsync(page, "03-details-revealed");

        // 7. log out with the header button
        await page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/Login**");
        await Expect(page.Locator("#login-submit")).ToBeVisibleAsync();

        // 8. the auditor sees the reveal with its reason, and never the full ID
        await BrowserFixture.LoginAsync(page, "auditor");
        var row = page.Locator("#audit tbody tr").Filter(new() { Has = page.Locator("td[data-label='操作']", new() { HasTextRegex = new Regex("^\\s*查看完整信息\\s*$") }) });
        for (var attempt = 0; ; attempt++)
        {
            // the audit log is written by a background queue: allow it a moment
            await page.GotoAsync($"/Audit?subjectId={elderId}");
            if (await row.CountAsync() > 0 || attempt >= 10) break;
            await page.WaitForTimeoutAsync(300);
        }
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("上门核对身份");
        await Expect(page.Locator("#chain-status")).ToContainTextAsync("哈希链完整");
        Assert.DoesNotContain(validId, await page.ContentAsync());
        Assert.DoesNotContain(validId, await page.Locator("body").InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "04-audit");
        await page.Context.CloseAsync();
    }
}
