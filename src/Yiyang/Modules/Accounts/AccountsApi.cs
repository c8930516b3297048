namespace Yiyang.Modules.Accounts;

public sealed record TokenRequest(string? UserName, string? Password);
public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string TokenType = "Bearer");
public sealed record MeResponse(long? Id, string UserName, string Role, string RoleName, long? OrganizationId, string? RegionCode, string? Bureau);
public sealed record UserDto(long Id, string UserName, string DisplayName, string Role, string RoleName, string? Bureau,
    string? RegionCode, long? OrganizationId, bool IsActive, bool IsLockedOut);
public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Password, string? Role, string? Bureau,
    string? RegionCode, long? OrganizationId);

public static class AccountsApi
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/token", async Task<Ok<TokenResponse>> (TokenRequest req, AccountService accounts, CancellationToken ct) =>
        {
            var r = await accounts.VerifyAsync(req.UserName, req.Password, ct);
            switch (r.Outcome)
            {
                case LoginOutcome.LockedOut:
                    throw new BusinessRuleException("locked-out", "连续登录失败次数过多，账户已临时锁定，请稍后再试。", 423);
                case LoginOutcome.Invalid:
                    throw new BusinessRuleException("invalid-credentials", "用户名或密码不正确。", 401);
            }
            var (token, expires) = await accounts.IssueTokenAsync(r.User!, ct);
            return TypedResults.Ok(new TokenResponse(token, expires));
        }).AllowAnonymous().ProducesProblems(401, 423);

        auth.MapGet("/me", (CurrentUser u) => TypedResults.Ok(new MeResponse(u.Id, u.UserName, u.Role, Roles.DisplayName(u.Role),
            u.OrganizationId, u.RegionCode, u.Bureau))).RequireAuthorization(Policies.AnyUser);

        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(AccountPolicies.ManageUsers);
        users.MapGet("/", async (YiyangDb db, TimeProvider clock, AuditTrail audit, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var list = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
            await audit.RecordAsync("user.list", "user", null, detail: $"users={list.Count}", wait: false);
            return TypedResults.Ok(list.Select(u => ToDto(u, now)));
        });
        users.MapPost("/", async Task<Created<UserDto>> (CreateUserRequest req, YiyangDb db, RegionCatalog regions, AuditTrail audit,
            TimeProvider clock, CancellationToken ct) =>
        {
            var user = await UserAdmin.CreateAsync(db, regions, clock, req, ct);
            await audit.RecordAsync("user.create", "user", user.Id.ToString(), detail: $"role={user.Role}");
            return TypedResults.Created($"/api/users/{user.Id}", ToDto(user, clock.GetUtcNow()));
        }).ProducesProblems(400, 409);
        users.MapPost("/{id:long}/unlock", async Task<Ok<UserDto>> (long id, YiyangDb db, AuditTrail audit, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(ToDto(await UserAdmin.UnlockAsync(db, audit, id, ct), clock.GetUtcNow()))).ProducesProblems(404);
    }

    public static UserDto ToDto(User u, DateTimeOffset now) => new(u.Id, u.UserName, u.DisplayName, u.Role, Roles.DisplayName(u.Role),
        u.Bureau, u.RegionCode, u.OrganizationId, u.IsActive, u.LockedUntil > now);
}

/// <summary>
/// Creating accounts: shared by the users API, the create-admin verb and the demo seed. The API and the page create
/// business accounts only; the three administrators come from the console (<paramref name="onConsole"/>), so that the
/// security admin cannot make a platform admin and log in as it (三员分立, docs/domain/roles.md).
/// </summary>
public static class UserAdmin
{
    public const string AdministratorsOnConsole = "平台、安全、审计三类管理员账户只能在服务器控制台用 create-admin 命令创建或变更。";

    /// <summary>Clears a lockout (security admin), audited.</summary>
    public static async Task<User> UnlockAsync(YiyangDb db, AuditTrail audit, long id, CancellationToken ct)
    {
        var u = await db.Users.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("未找到该用户。");
        u.LockedUntil = null;
        u.FailedLoginCount = 0;
        u.Version++;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("user.unlock", "user", u.Id.ToString());
        return u;
    }

    public static async Task<User> CreateAsync(YiyangDb db, RegionCatalog regions, TimeProvider clock, CreateUserRequest req, CancellationToken ct,
        bool onConsole = false)
    {
        var errors = new FieldErrors();
        var name = (req.UserName ?? "").Trim();
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z0-9_.-]{3,64}$"))
            errors.Add("userName", "用户名为 3–64 位字母、数字、下划线、点或横线。");
        var display = (req.DisplayName ?? "").Trim();
        if (display.Length is 0 or > 64) errors.Add("displayName", "请填写姓名（最多 64 个字）。");
        var pw = req.Password ?? "";
        if (pw.Length < 10 || !pw.Any(char.IsDigit) || !pw.Any(char.IsLetter))
            errors.Add("password", "密码至少 10 位，且须同时包含字母和数字。");
        var role = (req.Role ?? "").Trim();
        if (!Roles.IsKnown(role)) errors.Add("role", "角色不存在。");
        else if (Roles.IsAdministrator(role) && !onConsole) errors.Add("role", AdministratorsOnConsole);
        if (role == Roles.CityOperator && regions.Find(req.RegionCode) is { } city && city.Level != RegionLevel.City)
            errors.Add("regionCode", "市级业务管理员的管辖区划须为地级市（4 位代码，如 6102）。");
        if (role == Roles.Regulator && !Bureaus.All.Contains(req.Bureau ?? "")) errors.Add("bureau", "监管人员须选择所属部门（卫健、民政或医保）。");
        if (Roles.RegionBound.Contains(role) && regions.Find(req.RegionCode) is null) errors.Add("regionCode", "请选择管辖区划。");
        if (Roles.InstitutionStaff.Contains(role) && req.OrganizationId is null) errors.Add("organizationId", "机构人员须选择所属机构。");
        errors.ThrowIfAny();
        if (req.OrganizationId is { } oid && !await db.Organizations.AnyAsync(o => o.Id == oid, ct))
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["organizationId"] = ["所属机构不存在。"] });
        if (await db.Users.AnyAsync(u => u.UserName == name, ct))
            throw new ConflictException("duplicate-user", "该用户名已存在。");
        var user = new User
        {
            UserName = name,
            DisplayName = display,
            PasswordHash = "",
            Role = role,
            Bureau = role == Roles.Regulator ? req.Bureau : null,
            RegionCode = Roles.RegionBound.Contains(role) ? req.RegionCode : null,
            OrganizationId = Roles.InstitutionStaff.Contains(role) ? req.OrganizationId : null,
            CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = AccountService.HashPassword(user, pw);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }
}
