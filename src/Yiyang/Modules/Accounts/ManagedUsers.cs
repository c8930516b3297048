namespace Yiyang.Modules.Accounts;

/// <summary>
/// Which accounts the security admin may act on. Business accounts only for disabling, enabling and role changes: the
/// three administrator accounts are managed at the server console (三员分立), and nobody acts on their own account here.
/// </summary>
public static class ManagedUsers
{
    public static async Task<User> LoadAsync(YiyangDb db, CurrentUser me, long id, CancellationToken ct, bool administratorsToo = false, bool self = false)
    {
        var u = await db.Users.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("未找到该用户。");
        if (!administratorsToo && Roles.IsAdministrator(u.Role))
            throw new ForbiddenException(UserAdmin.AdministratorsOnConsole);
        if (!self && u.Id == me.Id) throw new BusinessRuleException("own-account", "不能对自己的账户执行此操作。", StatusCodes.Status409Conflict);
        return u;
    }
}
