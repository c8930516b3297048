using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Accounts.Pages;

/// <summary>What the change-role form posts.</summary>
public sealed class RoleForm
{
    public string? Role { get; set; }
    public string? Bureau { get; set; }
    public string? RegionCode { get; set; }
    public long? OrganizationId { get; set; }

    public ChangeRoleRequest ToRequest() => new(Role, string.IsNullOrWhiteSpace(Bureau) ? null : Bureau,
        string.IsNullOrWhiteSpace(RegionCode) ? null : RegionCode.Trim(), OrganizationId);
}

/// <summary>
/// 账户管理 (security admin): one account's state and the actions on it — unlock, disable/enable, change the role, sign out
/// everywhere, reset the second factor — each the same use case as its /api/users route.
/// </summary>
[Authorize(Policy = AccountPolicies.ManageUsers)]
public sealed class UserDetailsModel(YiyangDb db, AuditTrail audit, TimeProvider clock, CurrentUser me) : FormPageModel
{
    [BindProperty] public RoleForm Form { get; set; } = new();
    public UserDto Account { get; private set; } = null!;
    public Dictionary<long, string> Organizations { get; private set; } = new();
    public bool IsAdministrator => Roles.IsAdministrator(Account.Role);
    public bool IsSelf => Account.Id == me.Id;

    /// <summary>The roles the security admin can give here: the business roles.</summary>
    public static IEnumerable<string> BusinessRoles => Roles.Business;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await audit.RecordAsync("user.view", "user", id.ToString(), wait: false); // like the security admin's user listings
        Form = new RoleForm { Role = Account.Role, Bureau = Account.Bureau, RegionCode = Account.RegionCode, OrganizationId = Account.OrganizationId };
        return Page();
    }

    public Task<IActionResult> OnPostUnlockAsync(long id, CancellationToken ct) =>
        Act(id, async () => (await UserAdmin.UnlockAsync(db, audit, id, ct)).UserName, "已解锁", ct);

    public Task<IActionResult> OnPostDisableAsync(long id, [FromServices] SetUserActive handler, CancellationToken ct) =>
        Act(id, async () => (await handler.HandleAsync(id, active: false, ct)).UserName, "已停用，其全部登录已失效", ct);

    public Task<IActionResult> OnPostEnableAsync(long id, [FromServices] SetUserActive handler, CancellationToken ct) =>
        Act(id, async () => (await handler.HandleAsync(id, active: true, ct)).UserName, "已启用", ct);

    public Task<IActionResult> OnPostRevokeAsync(long id, [FromServices] RevokeUserSessions handler, CancellationToken ct) =>
        Act(id, async () => (await handler.HandleAsync(id, ct)).UserName, "已强制下线，其全部登录和访问令牌已失效", ct);

    public Task<IActionResult> OnPostResetTotpAsync(long id, [FromServices] ResetUserTotp handler, CancellationToken ct) =>
        Act(id, async () => (await handler.HandleAsync(id, ct)).UserName, "的动态口令已重置，下次登录时须重新绑定", ct);

    public Task<IActionResult> OnPostRoleAsync(long id, [FromServices] ChangeUserRole handler, CancellationToken ct) =>
        Act(id, async () => (await handler.HandleAsync(id, Form.ToRequest(), ct)).UserName, "的角色已变更，其全部登录已失效", ct, "role");

    private Task<IActionResult> Act(long id, Func<Task<string>> action, string done, CancellationToken ct, string? form = null) =>
        AttemptAsync(async () =>
        {
            var name = await action();
            TempData["Message"] = $"用户 {name} {done}。";
            return RedirectToPage(new { id });
        }, async () => await LoadAsync(id, ct), form);

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var u = await db.Users.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (u is null) return false;
        Account = AccountsApi.ToDto(u, clock.GetUtcNow());
        Organizations = (await db.Organizations.AsNoTracking().OrderBy(o => o.TownshipCode).ThenBy(o => o.Name)
                .Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .ToDictionary(o => o.Id, o => o.Name);
        return true;
    }
}
