using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Accounts;

namespace Yiyang.Modules.Accounts.Pages;

/// <summary>What the create-user form posts.</summary>
public sealed class NewUserForm
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public string? Password { get; set; }
    public string? Role { get; set; }
    public string? Bureau { get; set; }
    public string? RegionCode { get; set; }
    public long? OrganizationId { get; set; }

    public CreateUserRequest ToRequest() => new(UserName, DisplayName, Password, Role,
        string.IsNullOrWhiteSpace(Bureau) ? null : Bureau, string.IsNullOrWhiteSpace(RegionCode) ? null : RegionCode.Trim(), OrganizationId);
}

/// <summary>用户管理: list, unlock and create accounts (the security admin's work; same steps as /api/users); each account's other actions on /System/Users/{id}.</summary>
[Authorize(Policy = AccountPolicies.ManageUsers)]
public sealed class UsersModel(YiyangDb db, RegionCatalog regions, AuditTrail audit, TimeProvider clock) : FormPageModel
{
    [BindProperty] public NewUserForm Form { get; set; } = new();
    public IReadOnlyList<UserDto> Users { get; private set; } = [];
    public Dictionary<long, string> Organizations { get; private set; } = new();
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        try
        {
            var user = await UserAdmin.CreateAsync(db, regions, clock, Form.ToRequest(), ct);
            await audit.RecordAsync("user.create", "user", user.Id.ToString(), detail: $"role={user.Role}");
            TempData["Message"] = $"已创建用户 {user.UserName}。";
            return RedirectToPage();
        }
        catch (AppException e)
        {
            Show(e);
            if (e is ConflictException { Code: "duplicate-user" }) FieldErrors["userName"] = e.Message;
            Form.Password = null;
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostUnlockAsync(long id, CancellationToken ct)
    {
        User u;
        try { u = await UserAdmin.UnlockAsync(db, audit, id, ct); }
        catch (NotFoundException) { return NotFound(); }
        TempData["Message"] = $"已解锁用户 {u.UserName}。";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var list = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        Users = list.Select(u => AccountsApi.ToDto(u, now)).ToList();
        await audit.RecordAsync("user.list", "user", null, detail: $"users={list.Count}", wait: false);
        Organizations = (await db.Organizations.AsNoTracking().OrderBy(o => o.TownshipCode).ThenBy(o => o.Name)
                .Select(o => new { o.Id, o.Name }).ToListAsync(ct))
            .ToDictionary(o => o.Id, o => o.Name);
    }

    public string Scope(UserDto u)
    {
        if (u.OrganizationId is { } oid) return Organizations.GetValueOrDefault(oid, $"机构 {oid}");
        if (u.RegionCode is { } r) return regions.Find(r) is null ? r : regions.FullName(r);
        return "—";
    }

    public static string Status(UserDto u) => !u.IsActive ? "停用" : u.IsLockedOut ? "已锁定" : "正常";
}
