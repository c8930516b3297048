using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Yiyang.BrowserTests;

/// <summary>axe-core (WCAG 2.0 A/AA and 2.1 AA rules) on every main page: no serious or critical violations.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fx, ITestOutputHelper output)
{
    public static TheoryData<string, string?, string> Pages => new()
    {
        // name, user (null = anonymous), path
        { "login", null, "/Account/Login" },
        { "home", "city", "/" },
        { "elders", "city", "/Elders" },
        { "elders-create", "city", "/Elders/Create" },
        { "ledger", "city", "/Ledger?townshipCode=610202100" },
        { "organizations", "admin", "/Organizations" },
        { "audit", "auditor", "/Audit" },
        { "system", "security", "/System" },
        { "system-user", "security", "/System/Users/4" }, // wjw, a business account: every action and the role form
        { "my-password", "nurse", "/Account/Password" },
        { "my-totp", "nurse", "/Account/Totp" }, // the enrolment QR (a GET writes nothing)
        { "family-doctor", "doctor", "/FamilyDoctor" },
        { "family-doctor-sign", "doctor", "/FamilyDoctor/Sign" },
        { "family-doctor-coverage", "wjw", "/FamilyDoctor/Coverage" },
        { "family-doctor-teams", "doctor", "/FamilyDoctor/Teams" },
        { "home-care-worklist", "doctor", "/HomeCare" },
        { "assessments", "doctor", "/Assessments" },
        { "assessment-preview", "doctor", "/Assessments/Preview/gbt42195-2022" },
        { "institutions-beds", "orgadmin", "/Institutions" },
        { "institutions-conversions", "wjw", "/Institutions/Conversions" },
        { "institutions-stay", "city", "/Institutions/Stay/1" }, // demo data: the first stay (社会福利院), with the transfer and discharge forms
        { "billing", "orgadmin", "/Billing" },
        { "claims", "orgadmin", "/Claims" },
        { "free-beds", null, "/FreeBeds" },
        { "care-levels", "admin", "/Assessments/CareLevels" },
        { "care-plan-confirmed", "city", "/Assessments/CarePlan/1" }, // demo data: the first plan is confirmed
        { "care-plan-draft", "city", "/Assessments/CarePlan/2" },     // and the second a draft (edit form)
        { "ltc-tables", "ybj", "/Assessments/LtcTables" },
        { "health-management", "doctor", "/HealthManagement" },
        { "health-management-rates", "wjw", "/HealthManagement/Rates" },
        { "referrals-inbox", "hospdoctor", "/Referrals" },
        { "referrals-create", "doctor", "/Referrals/Create" },
        { "referral-details", "hospdoctor", "/Referrals/Details/1" },
        { "referral-print", "hospdoctor", "/Referrals/Print/1" },
        { "green-channel", "doctor", "/GreenChannel" },
        { "green-channel-quotas", "city", "/GreenChannel/Quotas" },
        { "referral-stats", "hospdoctor", "/Referrals/Stats?from=2026-01-01&to=2026-12-31" },
        { "sickbeds", "doctor", "/Sickbeds" },
        { "sickbeds-apply", "doctor", "/Sickbeds/Apply" },
        { "elder-details-care", "city", "/Elders/Details/1" },
        { "assessments-due", "doctor", "/Assessments/Due" },
        { "billing-prices", "orgadmin", "/Billing/Prices" },
        { "agreements", "hospdoctor", "/Agreements" },
        { "agreements-create", "city", "/Agreements/Create" },
        { "agreement-details", "city", "/Agreements/Details/1" }, // demo data: hospital ↔ 社会福利院, in force
        { "agreements-uncovered", "wjw", "/Agreements/Uncovered" },
        { "health-management-elder", "city", "/HealthManagement/Elder/1" },
        { "prescribe", "city", "/HealthManagement/Prescribe?elderId=1" },
        { "falls", "city", "/Falls?elderId=1" },
        { "daily-care", "caregiver", "/DailyCare" },
        { "daily-care-zoning", "orgadmin", "/DailyCare/Zoning" },
        { "daily-care-completion", "orgadmin", "/DailyCare/Completion" },
        { "daily-care-medical-room", "city", "/DailyCare/MedicalRoom/1" }, // demo data: the first stay is a resident of 社会福利院 (medical room)
        { "emergency", "operator", "/Emergency" }, // demo data: an SOS waiting, a blood pressure acknowledged, a fall resolved
        { "emergency-incident", "operator", "/Emergency/Incidents/1" }, // the waiting SOS: the acknowledge form
        { "emergency-devices", "operator", "/Emergency/Devices" },
        { "emergency-thresholds", "doctor", "/Emergency/Thresholds?elderId=1" }, // demo data: elder 1 is a 金华 elder (the SOS wristband's)
    };

    [Theory(DisplayName = "Page has no serious or critical axe violations")]
    [MemberData(nameof(Pages))]
    public async Task Page_has_no_serious_axe_violations(string name, string? user, string path)
    {
        var page = await fx.NewPageAsync(axe: true);
        if (user is not null) await BrowserFixture.LoginAsync(page, user);
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        var expectedPath = path.Split('?')[0];
        Assert.True(new Uri(page.Url).AbsolutePath.Equals(expectedPath, StringComparison.OrdinalIgnoreCase),
            $"{path} as {user ?? "anonymous"} ended on {page.Url} (denied or redirected?)");
        await AssertNoSeriousViolationsAsync(page, name);
    }

    [Fact(DisplayName = "The elder form with validation errors shown has no serious or critical axe violations")]
    public async Task Elder_form_with_errors_has_no_serious_axe_violations()
    {
        var page = await fx.NewPageAsync(axe: true);
        await BrowserFixture.LoginAsync(page, "city");
        await page.GotoAsync("/Elders/Create");
        await page.Locator("#idNumber").FillAsync("61020219400101123");
        await page.Locator("#phone").FillAsync("123");
        await page.Locator("#save").ClickAsync();
        await Expect(page.Locator(".field-error").First).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, "elders-create-errors");
    }

    [Fact(DisplayName = "An elder's details page has no serious or critical axe violations")]
    public async Task Elder_details_has_no_serious_axe_violations()
    {
        var page = await fx.NewPageAsync(axe: true);
        await BrowserFixture.LoginAsync(page, "city");
        await page.GotoAsync("/Elders");
        await page.Locator("#elders tbody a").First.ClickAsync();
        await page.WaitForURLAsync("**/Elders/Details/*");
        await Expect(page.Locator("#id-number")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, "elder-details");
    }

    [Fact(DisplayName = "A resident's daily-care checklist with a missing reason shown has no serious or critical axe violations")]
    public async Task Daily_care_checklist_has_no_serious_axe_violations()
    {
        var page = await fx.NewPageAsync(axe: true);
        await BrowserFixture.LoginAsync(page, "caregiver");
        await page.GotoAsync("/DailyCare");
        await page.Locator("#residents li:has(.tag.warn) a").Last.ClickAsync(); // a resident with items still to record
        await page.WaitForURLAsync("**/DailyCare/Resident/*");
        await page.Locator("#items [data-not-done]").First.ClickAsync();
        await Expect(page.Locator(".field-error").First).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, "daily-care-resident-errors");
    }

    [Fact(DisplayName = "The home page in 长辈版 has no serious or critical axe violations")]
    public async Task Home_in_elder_mode_has_no_serious_axe_violations()
    {
        var page = await fx.NewPageAsync(axe: true);
        await BrowserFixture.LoginAsync(page, "city");
        await page.GotoAsync("/");
        await page.Locator("#mode-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\belder-mode\b"));
        await AssertNoSeriousViolationsAsync(page, "home-elder-mode");
    }

    [Fact(DisplayName = "The axe harness reports a violation when a page has one (so a clean result means something)")]
    public async Task Axe_harness_detects_a_planted_violation()
    {
        var page = await fx.NewPageAsync(axe: true);
        await page.GotoAsync("/Account/Login");
        await page.EvaluateAsync("() => { const i = document.createElement('input'); i.id = 'planted'; document.querySelector('main').appendChild(i); }");
        var violations = await Axe.RunAsync(page);
        Assert.Contains(violations, v => v.Id == "label" && v.Impact is "critical" or "serious" && v.FirstTarget.Contains("planted"));
        await page.Context.CloseAsync();
    }

    private async Task AssertNoSeriousViolationsAsync(IPage page, string name)
    {
        await BrowserFixture.ScreenshotAsync(page, "a11y-" + name);
        var violations = await Axe.RunAsync(page);
        foreach (var v in violations) output.WriteLine($"{name}: {v}");
        await File.WriteAllLinesAsync(Path.Combine(BrowserFixture.ScreenshotDir, "a11y-" + name + ".txt"),
            violations.Count == 0 ? ["no axe violations"] : violations.Select(v => v.ToString()));
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0,
            $"{name} ({page.Url}) has {serious.Count} serious/critical axe violation(s):\n" + string.Join("\n", serious));
        await page.Context.CloseAsync();
    }
}
