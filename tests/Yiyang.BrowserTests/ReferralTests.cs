using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ReferralTests(BrowserFixture fx)
{
    private const string Hospital = "铜川市王益区人民医院（铜川市中医医院）";

    [Fact(DisplayName = "A community doctor refers an elder up to the hospital, the hospital accepts, records arrival and sends the elder back down with advice, and the community completes the round trip")]
    public async Task Referral_goes_up_and_comes_back_down()
    {
        // 金华社区 (community health centre): pick one of its elders and refer up
        var doctor = await fx.NewPageAsync();
        await BrowserFixture.LoginAsync(doctor, "doctor");
        await doctor.GotoAsync("/Elders");
        await doctor.Locator("#elders tbody a").First.ClickAsync();
        await doctor.WaitForURLAsync("**/Elders/Details/*");
        var elderId = new Uri(doctor.Url).AbsolutePath.Split('/')[^1];

        // the elder's page offers the referral with the elder chosen: the doctor confirms the picker's line
        await doctor.Locator("#act-refer").ClickAsync();
        await doctor.WaitForURLAsync($"**/Referrals/Create?elderId={elderId}");
        await Expect(doctor.Locator("#elder-pick-line")).ToContainTextAsync("已选择：");
        await doctor.Locator("#elderConfirmed").CheckAsync();
        await doctor.Locator("#direction-up").CheckAsync();
        await doctor.Locator("#toOrganizationId").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = Hospital + "（中医院）" });
        await doctor.Locator("#toDepartment").FillAsync("骨科");
        await doctor.Locator("#indication").SelectOptionAsync("fall-fracture");
        await doctor.Locator("#urgency").SelectOptionAsync("urgent");
        await doctor.Locator("#reason").FillAsync("跌倒后右髋疼痛，不能站立");
        await doctor.Locator("#initialImpression").FillAsync("右股骨颈骨折？");
        // submit once without the history: the message appears beside the field
        await doctor.Locator("#submit-referral").ClickAsync();
        await Expect(doctor.Locator("#presentHistory-error")).ToContainTextAsync("请填写主要现病史");
        await Expect(doctor.Locator("#presentHistory")).ToHaveAttributeAsync("aria-invalid", "true");
        await doctor.Locator("#presentHistory").FillAsync("今晨跌倒后右髋疼痛 3 小时，右下肢外旋短缩。");
        await doctor.Locator("#submit-referral").ClickAsync();
        await doctor.WaitForURLAsync(new Regex(@"/Referrals/Details/\d+$"));
        var upUrl = new Uri(doctor.Url).AbsolutePath;
        var upId = upUrl.Split('/')[^1];
        await Expect(doctor.Locator("#referral-status")).ToHaveTextAsync("申请");
        await Expect(doctor.Locator("#withdraw")).ToBeVisibleAsync();

        // the hospital doctor finds it in the inbox, accepts, records arrival and writes the 回转单
        var hospital = await fx.NewPageAsync();
        await BrowserFixture.LoginAsync(hospital, "hospdoctor");
        await hospital.Locator("nav a", new() { HasText = "转诊" }).ClickAsync();
        var row = hospital.Locator($"tr[data-referral='{upId}']");
        await Expect(row).ToContainTextAsync("已等待");
        await Expect(row).ToContainTextAsync("紧急");
        await row.Locator("a").ClickAsync();
        await Expect(hospital.Locator("#f-initialImpression")).ToHaveTextAsync("右股骨颈骨折？");
        await hospital.Locator("#receivingDoctor").FillAsync("刘医生");
        await hospital.Locator("#accept").ClickAsync();
        await Expect(hospital.Locator("#referral-status")).ToHaveTextAsync("已接收");
        await hospital.Locator("#arrive").ClickAsync();
        await Expect(hospital.Locator("#referral-status")).ToHaveTextAsync("已到达");
        await BrowserFixture.ScreenshotAsync(hospital, "11-referral-arrived");
        await hospital.Locator("#return").ClickAsync();
        await hospital.WaitForURLAsync($"**/Referrals/Return/{upId}");
        await hospital.Locator("#indication").SelectOptionAsync("post-operative");
        await hospital.Locator("#diagnosis").FillAsync("右股骨颈骨折（内固定术后）");
        await hospital.Locator("#inpatientNo").FillAsync("ZY2026112301");
        await hospital.Locator("#mainResults").FillAsync("X 线：右股骨颈骨折，已内固定。");
        await hospital.Locator("#nextStepAdvice").FillAsync("术后 6 周内不负重，每周换药一次，指导康复训练。");
        await hospital.Locator("#submit-return").ClickAsync();
        await hospital.WaitForURLAsync(new Regex(@"/Referrals/Details/\d+$"));
        var downId = new Uri(hospital.Url).AbsolutePath.Split('/')[^1];
        Assert.NotEqual(upId, downId);
        await Expect(hospital.Locator("#f-nextStepAdvice")).ToHaveTextAsync("术后 6 周内不负重，每周换药一次，指导康复训练。");
        await hospital.Context.CloseAsync();

        // back at the community: the 回转单 is in the inbox; accept, arrival, take over
        await doctor.GotoAsync("/Referrals?box=inbox");
        await doctor.Locator($"tr[data-referral='{downId}'] a").ClickAsync();
        await Expect(doctor.Locator("#f-diagnosis")).ToHaveTextAsync("右股骨颈骨折（内固定术后）");
        await doctor.Locator("#accept").ClickAsync();
        await Expect(doctor.Locator("#referral-status")).ToHaveTextAsync("已接收");
        await doctor.Locator("#arrive").ClickAsync();
        await Expect(doctor.Locator("#referral-status")).ToHaveTextAsync("已到达");
        await doctor.Locator("#note").FillAsync("已建立家庭病床，每周查床");
        await doctor.Locator("#complete").ClickAsync();
        await Expect(doctor.Locator("#referral-status")).ToHaveTextAsync("已完成");

        // the sender sees its up-referral completed in the outbox
        await doctor.GotoAsync("/Referrals?box=outbox&status=completed");
        await Expect(doctor.Locator($"tr[data-referral='{upId}']")).ToContainTextAsync("已完成");
        await doctor.GotoAsync(upUrl);
        await Expect(doctor.Locator("#referral-status")).ToHaveTextAsync("已完成");
        await Expect(doctor.Locator("#return-link")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(doctor, "12-referral-completed");

        // the printable 转出单
        await doctor.Locator("#print-link").ClickAsync();
        await Expect(doctor.Locator("#p-title")).ToHaveTextAsync("双向转诊（转出）单");
        await doctor.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        await Expect(doctor.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(doctor.Locator(".print-bar")).ToBeHiddenAsync();
        await doctor.Context.CloseAsync();
    }
}
