using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Accounts.Pages;

/// <summary>
/// 动态口令: enrolment (QR code of the otpauth URI and the key to type in by hand, confirmed with a first code), the 10
/// recovery codes shown once, and new recovery codes for an enrolled user. The secret waits in a protected form field
/// (15 minutes) until the first code confirms it; only then is it stored, encrypted.
/// </summary>
public sealed class TotpModel(YiyangDb db, SecondFactor secondFactor, AuditTrail audit, CurrentUser me, IDataProtectionProvider protection) : FormPageModel
{
    private const string Purpose = "Yiyang.Accounts.TotpEnrolment";

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Enrolment { get; set; }
    public string? Secret { get; private set; }
    public string? QrCode { get; private set; }
    public bool Enrolled { get; private set; }
    public bool Required { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await LoadAsync(ct);
        if (!Enrolled) Offer(user, SecondFactor.NewSecret());
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        var user = await LoadAsync(ct);
        if (Enrolled) return RedirectToPage();
        if (Unprotect(user) is not { } secret) return RedirectToPage(); // the form expired: a new key
        var codes = await secondFactor.EnrolAsync(user, secret, Code, ct);
        if (codes is null)
        {
            RequestTransaction.Fail(HttpContext);
            FieldErrors["code"] = "动态口令不正确。请核对手机时间是否准确，再输入验证器上当前显示的 6 位数字。";
            FormError = FieldErrors["code"];
            Offer(user, secret);
            return Page();
        }
        await audit.RecordAsync("user.totp.enrol", "user", user.Id.ToString());
        if (User.HasClaim(c => c.Type == AccountService.EnrolOnlyClaim)) await CookieSignIn.FullAsync(HttpContext, user);
        Enrolled = true;
        RecoveryCodes = codes;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        var user = await LoadAsync(ct);
        if (!Enrolled) return RedirectToPage();
        if (!await secondFactor.VerifyCodeAsync(user, Code, ct))
        {
            RequestTransaction.Fail(HttpContext);
            FieldErrors["code"] = "动态口令不正确或已使用过，请等验证器显示下一个数字后再试。";
            FormError = FieldErrors["code"];
            return Page();
        }
        RecoveryCodes = await secondFactor.ReplaceRecoveryCodesAsync(user.Id, ct);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("user.totp.recovery-codes", "user", user.Id.ToString());
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task<User> LoadAsync(CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == me.Id, ct) ?? throw new NotFoundException("未找到该用户。");
        Enrolled = user.TotpEnabledAt is not null;
        Required = User.HasClaim(c => c.Type == AccountService.EnrolOnlyClaim);
        if (Enrolled) RecoveryCodesLeft = await secondFactor.RecoveryCodesLeftAsync(user.Id, ct);
        return user;
    }

    private void Offer(User user, string secret)
    {
        Secret = SecondFactor.Grouped(secret);
        QrCode = SecondFactor.QrDataUri(SecondFactor.OtpAuthUri(user.UserName, secret));
        Enrolment = Protector().Protect(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + secret, TimeSpan.FromMinutes(15));
        Response.Headers.CacheControl = "no-store";
    }

    private string? Unprotect(User user)
    {
        try
        {
            var parts = Protector().Unprotect(Enrolment ?? "").Split(':');
            return parts.Length == 2 && parts[0] == user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector Protector() => protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();
}
