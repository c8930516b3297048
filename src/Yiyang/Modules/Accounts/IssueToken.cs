namespace Yiyang.Modules.Accounts;

public sealed record TokenRequest(string? UserName, string? Password, string? Otp = null, string? RecoveryCode = null);
public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string TokenType = "Bearer");

/// <summary>
/// 获取访问令牌: password, then — for a user with a second factor — the TOTP code in <c>otp</c> (or a recovery code in
/// <c>recoveryCode</c>). An unknown name, a wrong password, a disabled and a locked account all answer the same 401.
/// </summary>
public sealed class IssueToken(AccountService accounts)
{
    public const string InvalidMessage = "用户名或密码不正确。连续输错 5 次账户将临时锁定 15 分钟，如需解锁请联系安全管理员。";

    public static void Map(RouteGroupBuilder auth) =>
        auth.MapPost("/token", async Task<Ok<TokenResponse>> (TokenRequest req, IssueToken handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(req, ct)))
            .AllowAnonymous()
            .ProducesProblems(401, 403, 429)
            .WithSummary("获取访问令牌：用户名、密码，已绑定动态口令的账户另交 otp（或 recoveryCode）；未知用户、密码错误、停用和锁定一律 401 invalid-credentials");

    public async Task<TokenResponse> HandleAsync(TokenRequest req, CancellationToken ct)
    {
        var r = await accounts.PasswordAsync(req.UserName, req.Password, ct);
        if (r.Outcome == LoginOutcome.SecondFactorRequired)
        {
            if (string.IsNullOrWhiteSpace(req.Otp) && string.IsNullOrWhiteSpace(req.RecoveryCode))
                throw new BusinessRuleException("otp-required",
                    "该账户已启用动态口令：请在 otp 中提交验证器上的 6 位动态口令，或在 recoveryCode 中提交一个恢复码。", 401);
            r = await accounts.SecondFactorAsync(r.User!.Id, req.Otp, req.RecoveryCode, ct);
        }
        switch (r.Outcome)
        {
            case LoginOutcome.Throttled:
                throw new TooManyRequestsException("登录失败次数过多，请稍后再试。", r.RetryAfter ?? TimeSpan.FromMinutes(1));
            case LoginOutcome.SecondFactorInvalid:
                throw new BusinessRuleException("invalid-otp", "动态口令或恢复码不正确，或已使用过。", 401);
            case LoginOutcome.EnrolmentRequired:
                throw new BusinessRuleException("totp-enrolment-required", "您的角色须使用动态口令登录，请先在网页上登录并完成绑定。", 403);
            case LoginOutcome.Success:
                var (token, expires) = await accounts.IssueTokenAsync(r.User!, ct);
                return new TokenResponse(token, expires);
            default:
                throw new BusinessRuleException("invalid-credentials", InvalidMessage, 401);
        }
    }
}
