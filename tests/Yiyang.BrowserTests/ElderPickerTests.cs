using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ElderPickerTests(BrowserFixture fx)
{
    private const string GivenNames = "春夏秋冬梅兰竹菊松柏云霞玉珍桂芳";

    private static string NewName(string surname) =>
        surname + GivenNames[Random.Shared.Next(GivenNames.Length)] + GivenNames[Random.Shared.Next(GivenNames.Length)];

    private static string Masked(string id) => id[..3] + new string('*', 11) + id[^4..];

    /// <summary>Two namesakes of 金华 registered by the doctor (different ID numbers, so told apart by the masked ID).</summary>
    private async Task<(long Id, string IdNumber, string Name)> NamesakesAsync(string surname)
    {
        using var api = await fx.ApiAs("doctor");
        var orgId = await ApiSetup.OrganizationId(api);
        var name = NewName(surname);
        var idA = IdNumbers.NewValid();
        var idB = IdNumbers.NewValid();
        while (idB[^4..] == idA[^4..]) idB = IdNumbers.NewValid();
        JsonElement a = default;
        foreach (var id in new[] { idA, idB })
        {
            var e = await ApiSetup.Post(api, "/api/elders", new
            {
                name,
                idNumber = id,
                phone = "13800002468",
                townshipCode = "610202002",
                address = "王益区红旗街2号",
                insuranceType = "01",
                flags = Array.Empty<string>(),
                responsibleOrganizationId = orgId,
            });
            if (id == idA) a = e;
        }
        return (a.GetProperty("id").GetInt64(), idA, name);
    }

    [Theory(DisplayName = "A doctor signs a contract for an elder found by name: search, tell the namesakes apart by the masked ID, pick, confirm, submit, see the contract")]
    [InlineData(375, 812)]
    [InlineData(1366, 768)]
    public async Task Doctor_signs_a_contract_for_an_elder_found_by_name(int width, int height)
    {
        var (elderId, idNumber, name) = await NamesakesAsync("闻");
        var page = await fx.NewPageAsync(width, height, axe: true);
        await BrowserFixture.LoginAsync(page, "doctor");
        await page.GotoAsync("/FamilyDoctor/Sign");
        await page.Locator("#elderQ").FillAsync(name);
        await page.Locator("#elder-pick-find").ClickAsync();
        await Expect(page.Locator("#elder-pick-results li[data-elder]")).ToHaveCountAsync(2);
        Assert.DoesNotContain("elderQ", page.Url); // searched in place, nothing in the address
        var row = page.Locator($"#elder-pick-results li[data-elder='{elderId}']");
        await Expect(row).ToContainTextAsync(Masked(idNumber));
        await row.Locator("button").ClickAsync();
        await Expect(page.Locator("#elder-pick-line")).ToContainTextAsync($"已选择：{name}，");
        await Expect(page.Locator("#elder-pick-line")).ToContainTextAsync(Masked(idNumber));
        await page.Locator("#teamId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#packageId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        // not confirmed: the page says so beside the picker and keeps the choice
        await page.Locator("#sign-submit").ClickAsync();
        await Expect(page.Locator("#elderId-error")).ToContainTextAsync("已核对");
        await Expect(page.Locator("#elder-pick-line")).ToContainTextAsync(Masked(idNumber));
        if (width <= 400)
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 376"), "no horizontal scroll at 375px");
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await page.Locator("#elderConfirmed").CheckAsync();
        await page.Locator("#sign-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/FamilyDoctor/Details/\d+$"));
        await Expect(page.Locator("#contract-status")).ToHaveTextAsync("生效");
        await Expect(page.Locator($"a[href='/Elders/Details/{elderId}']")).ToHaveTextAsync(name);
        await BrowserFixture.ScreenshotAsync(page, $"elder-picker-signed-{width}");
    }

    [Fact(DisplayName = "A regulator, who may not reveal identifiers, finds elders on /Falls and sees only masked ID numbers, even searching by the full number; a phone search is refused with a clear message")]
    public async Task Regulator_sees_only_masked_identifiers_in_the_picker()
    {
        var (elderId, idNumber, name) = await NamesakesAsync("卜");
        var page = await fx.NewPageAsync(width: 375, height: 812);
        await BrowserFixture.LoginAsync(page, "wjw");
        await page.GotoAsync("/Falls");
        await Expect(page.Locator("#elder-picker h2")).ToHaveTextAsync("查找老年人");
        await page.Locator("#elderQ").FillAsync(name);
        await page.Locator("#elder-pick-find").ClickAsync();
        await Expect(page.Locator("#elder-pick-results li[data-elder]")).ToHaveCountAsync(2);
        await Expect(page.Locator($"#elder-pick-results li[data-elder='{elderId}']")).ToContainTextAsync(Masked(idNumber));
        Assert.DoesNotContain(idNumber, await page.ContentAsync());

        await page.Locator("#elderQ").FillAsync(idNumber);
        await page.Locator("#elder-pick-find").ClickAsync();
        await Expect(page.Locator("#elder-pick-results li[data-elder]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#elder-pick-results")).ToContainTextAsync(Masked(idNumber));
        Assert.DoesNotContain(idNumber, await page.Locator("#elder-pick-results").InnerTextAsync());
        Assert.DoesNotContain(idNumber, page.Url);

        await page.Locator("#elderQ").FillAsync("13800002468");
        await page.Locator("#elder-pick-find").ClickAsync();
        await Expect(page.Locator("#elder-pick-status")).ToContainTextAsync("不能按电话号码查找");
        await Expect(page.Locator("#elder-pick-results li")).ToHaveCountAsync(0);
        Assert.DoesNotContain("13800002468", await page.Locator("#elder-pick-results").InnerTextAsync());

        // choosing leads to that elder's falls
        await page.Locator("#elderQ").FillAsync(name);
        await page.Locator("#elder-pick-find").ClickAsync();
        await page.Locator($"#elder-pick-results li[data-elder='{elderId}'] button").ClickAsync();
        await page.WaitForURLAsync($"**/Falls?elderId={elderId}");
        await Expect(page.Locator("#fall-elder")).ToContainTextAsync(Masked(idNumber));
    }
}
