namespace Yiyang.Modules.Accounts;

public sealed record MeResponse(long? Id, string UserName, string Role, string RoleName, long? OrganizationId, string? RegionCode, string? Bureau);
public sealed record UserDto(long Id, string UserName, string DisplayName, string Role, string RoleName, string? Bureau,
    string? RegionCode, long? OrganizationId, bool IsActive, bool IsLockedOut, bool TotpEnabled);
public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Password, string? Role, string? Bureau,
    string? RegionCode, long? OrganizationId);

public static class AccountsApi
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        IssueToken.Map(auth);
        auth.MapGet("/me", (CurrentUser u) => TypedResults.Ok(new MeResponse(u.Id, u.UserName, u.Role, Roles.DisplayName(u.Role),
            u.OrganizationId, u.RegionCode, u.Bureau))).RequireAuthorization(Policies.AnyUser);
        Logout.Map(auth);
        ChangeOwnPassword.Map(auth);

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
        SetUserActive.MapDisable(users);
        SetUserActive.MapEnable(users);
        ChangeUserRole.Map(users);
        RevokeUserSessions.Map(users);
        ResetUserTotp.Map(users);

        var alerts = app.MapGroup("/api/security-alerts").WithTags("Users").RequireAuthorization(AccountPolicies.ManageUsers).WithETags();
        ListSecurityAlerts.Map(alerts);       // GET  ?open=true
        AcknowledgeSecurityAlert.Map(alerts); // POST /{id}/acknowledge
    }

    public static UserDto ToDto(User u, DateTimeOffset now) => new(u.Id, u.UserName, u.DisplayName, u.Role, Roles.DisplayName(u.Role),
        u.Bureau, u.RegionCode, u.OrganizationId, u.IsActive, u.LockedUntil > now, u.TotpEnabledAt is not null);
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

    /// <summary>The role and the scope it needs (bureau, region, organization): for new accounts and role changes alike.</summary>
    public static void CheckRoleAndScope(FieldErrors errors, RegionCatalog regions, string role, string? bureau, string? regionCode,
        long? organizationId, bool onConsole)
    {
        if (!Roles.IsKnown(role)) errors.Add("role", "角色不存在。");
        else if (Roles.IsAdministrator(role) && !onConsole) errors.Add("role", AdministratorsOnConsole);
        if (role == Roles.CityOperator && regions.Find(regionCode) is { } city && city.Level != RegionLevel.City)
            errors.Add("regionCode", "市级业务管理员的管辖区划须为地级市（4 位代码，如 6102）。");
        if (Roles.BureauBound.Contains(role) && !Bureaus.All.Contains(bureau ?? "")) errors.Add("bureau", "监管人员和监督员须选择所属部门（卫健、民政或医保）。");
        if (Roles.RegionBound.Contains(role) && regions.Find(regionCode) is null) errors.Add("regionCode", "请选择管辖区划。");
        if (Roles.InstitutionStaff.Contains(role) && organizationId is null) errors.Add("organizationId", "机构人员须选择所属机构。");
    }

    public static async Task CheckOrganizationAsync(YiyangDb db, long? organizationId, CancellationToken ct)
    {
        if (organizationId is { } oid && !await db.Organizations.AnyAsync(o => o.Id == oid, ct))
            throw ValidationFailedException.For("organizationId", "所属机构不存在。");
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
        if (PasswordRules.Problem(req.Password, name) is { } weak) errors.Add("password", weak);
        var role = (req.Role ?? "").Trim();
        CheckRoleAndScope(errors, regions, role, req.Bureau, req.RegionCode, req.OrganizationId, onConsole);
        errors.ThrowIfAny();
        await CheckOrganizationAsync(db, req.OrganizationId, ct);
        if (await db.Users.AnyAsync(u => u.UserName == name, ct))
            throw new ConflictException("duplicate-user", "该用户名已存在。");
        var user = new User
        {
            UserName = name,
            DisplayName = display,
            PasswordHash = "",
            Role = role,
            Bureau = Roles.BureauBound.Contains(role) ? req.Bureau : null,
            RegionCode = Roles.RegionBound.Contains(role) ? req.RegionCode : null,
            OrganizationId = Roles.InstitutionStaff.Contains(role) ? req.OrganizationId : null,
            CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = AccountService.HashPassword(user, req.Password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }
}
