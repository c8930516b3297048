using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ReferralAdmissionTests(BrowserFixture fx)
{
    [Fact(DisplayName = "On a 375px phone: the hospital sends a referred elder down to 金华 (the 回转单), 金华 accepts it, admits the elder to a free bed from the referral and the bed board shows the resident")]
    public async Task Down_referral_admits_to_a_bed()
    {
        // set-up through the API: a new elder of 金华 and a free bed there; up-referral, acceptance, arrival and 回转单 by the hospital
        using var doctor = await fx.ApiAs("doctor");
        using var hospital = await fx.ApiAs("hospdoctor");
        using var orgadmin = await fx.ApiAs("orgadmin");
        var orgId = (await doctor.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("organizationId").GetInt64();
        var elderId = (await ApiSetup.Post(doctor, "/api/elders", new
        {
            name = "乔海生",
            idNumber = IdNumbers.NewValid(),
            phone = "13800004321",
            townshipCode = "610202002",
            address = "王益区红旗街2号",
            insuranceType = "01",
            flags = Array.Empty<string>(),
            responsibleOrganizationId = orgId,
        })).GetProperty("id").GetInt64();
        var ward = "转诊" + Guid.NewGuid().ToString("N")[..4];
        var bedId = (await ApiSetup.Post(orgadmin, $"/api/institutions/{orgId}/beds", new { ward, room = "301", number = "1", kind = "nursing" })).GetProperty("id").GetInt64();
        var hospitalId = (await hospital.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("organizationId").GetInt64();
        var upId = (await ApiSetup.Post(doctor, "/api/referrals", new
        {
            direction = "up",
            elderId,
            toOrganizationId = hospitalId,
            toDepartment = "神经内科",
            indication = "consciousness",
            reason = "突发言语不清",
            urgency = "critical",
            initialImpression = "脑梗死？",
            presentHistory = "今晨突发言语不清 2 小时。",
        })).GetProperty("id").GetInt64();
        await ApiSetup.Post(hospital, $"/api/referrals/{upId}/accept", new { });
        await ApiSetup.Post(hospital, $"/api/referrals/{upId}/arrive", new { });
        var downId = (await ApiSetup.Post(hospital, $"/api/referrals/{upId}/return", new
        {
            indication = "rehab-nursing",
            diagnosis = "脑梗死恢复期",
            nextStepAdvice = "长期护理，康复训练，控制血压。",
        })).GetProperty("id").GetInt64();

        // 金华's administrator: the 回转单 in the inbox, accept, admit from the referral
        var page = await fx.NewPageAsync(width: 375, height: 812, axe: true);
        await BrowserFixture.LoginAsync(page, "orgadmin");
        await page.GotoAsync("/Referrals?box=inbox");
        await page.Locator($"tr[data-referral='{downId}'] a").ClickAsync();
        await Expect(page.Locator("#f-diagnosis")).ToHaveTextAsync("脑梗死恢复期");
        await Expect(page.Locator("#follow-ups")).ToHaveCountAsync(0); // not before acceptance
        await page.Locator("#accept").ClickAsync();
        await Expect(page.Locator("#referral-status")).ToHaveTextAsync("已接收");
        await Expect(page.Locator("#follow-ups")).ToBeVisibleAsync();
        // the 下转接续 forms (on a 375px phone) pass axe-core
        var serious = (await Axe.RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        await page.Locator("#bedId").SelectOptionAsync(bedId.ToString());
        await page.Locator("#admit").ClickAsync();
        await Expect(page.Locator("#message")).ToHaveTextAsync("已据此转诊办理入住。");
        await Expect(page.Locator("#follow-ups")).ToHaveCountAsync(0); // only once
        await BrowserFixture.ScreenshotAsync(page, "13-referral-admitted");

        // the bed board shows the resident on that bed
        await page.Locator("#board-link").ClickAsync();
        await Expect(page.Locator($"tr[data-bed='{bedId}']")).ToContainTextAsync("乔**");
        await page.Context.CloseAsync();
    }
}
