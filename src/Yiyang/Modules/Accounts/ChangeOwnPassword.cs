namespace Yiyang.Modules.Accounts;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// 修改密码 (any signed-in user, for their own account): the current password is required — a wrong one counts as a failed
/// login towards the lockout —, the new one follows <see cref="PasswordRules"/> and may not be one of the last 5. Every
/// session of the user ends (the page signs the browser in again with the new stamp).
/// </summary>
public sealed class ChangeOwnPassword(YiyangDb db, AccountService accounts, AccountSessions sessions, AuditTrail audit, CurrentUser me,
    TimeProvider clock)
{
    public static void Map(RouteGroupBuilder auth) =>
        auth.MapPost("/password", async Task<NoContent> (ChangePasswordRequest req, ChangeOwnPassword handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(req, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.AnyUser)
            .ProducesProblems(400, 429)
            .WithSummary("修改本人密码：须提交当前密码；新密码至少 12 位，不能是常见密码或最近 5 次用过的密码；成功后该用户的全部会话和访问令牌失效");

    /// <summary>Changes the password and returns the user with the new session stamp.</summary>
    public async Task<User> HandleAsync(ChangePasswordRequest req, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == me.Id, ct) ?? throw new NotFoundException("未找到该用户。");
        if (user.LockedUntil is { } until && until > clock.GetUtcNow())
            throw new TooManyRequestsException("连续输错密码次数过多，账户已临时锁定，请稍后再试。", until - clock.GetUtcNow());
        if (!AccountService.PasswordMatches(user, user.PasswordHash, req.CurrentPassword))
        {
            await accounts.WrongPasswordAsync(user, "password-change");
            throw ValidationFailedException.For("currentPassword", "当前密码不正确。");
        }
        var pw = req.NewPassword ?? "";
        if (PasswordRules.Problem(pw, user.UserName) is { } problem) throw ValidationFailedException.For("newPassword", problem);
        var history = db.Set<PasswordHistoryEntry>();
        var previous = await history.Where(h => h.UserId == user.Id).OrderByDescending(h => h.Id).ToListAsync(ct);
        var recent = previous.Take(PasswordRules.Remembered - 1).Select(h => h.PasswordHash).Prepend(user.PasswordHash);
        if (recent.Any(hash => AccountService.PasswordMatches(user, hash, pw)))
            throw ValidationFailedException.For("newPassword", $"不能使用最近 {PasswordRules.Remembered} 次用过的密码。");

        history.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = user.PasswordHash, CreatedAt = clock.GetUtcNow() });
        history.RemoveRange(previous.Skip(PasswordRules.Remembered - 2)); // the current one goes in: keep the 4 before the new one
        user.PasswordHash = AccountService.HashPassword(user, pw);
        user.Version++;
        await sessions.EndAll(user, ct);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("user.password.change", "user", user.Id.ToString());
        return user;
    }
}
