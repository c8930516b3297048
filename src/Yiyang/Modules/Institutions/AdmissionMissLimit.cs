using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// Limits failed lookups at the admission desk (ID number + name that match no record), so that the desk cannot be used
/// to test candidate ID numbers: <see cref="InstitutionOptions.AdmissionMissesPerUser"/> per user and
/// <see cref="InstitutionOptions.AdmissionMissesPerOrganization"/> per institution in a sliding window, then 429 until
/// the oldest miss leaves it. Misses are rows in the database, so every app node counts the same. Reaching a limit raises
/// a security alert; every miss and every refusal is audited (without the ID number or name).
/// </summary>
public sealed class AdmissionMissLimit(YiyangDb db, CurrentUser user, TimeProvider clock, IOptions<InstitutionOptions> options,
    AuditTrail audit, SecurityAlerts alerts)
{
    private InstitutionOptions O => options.Value;
    private TimeSpan Window => TimeSpan.FromMinutes(Math.Max(1, O.AdmissionMissWindowMinutes));
    private string UserName => user.IsAuthenticated ? user.UserName : "anonymous";

    /// <summary>Throws 429 (audited) when the user or the institution has no lookups left in the window.</summary>
    public async Task CheckAsync(long orgId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - Window;
        var misses = db.Set<AdmissionMiss>().AsNoTracking().Where(m => m.At > since);
        var mine = await misses.Where(m => m.UserName == UserName).OrderBy(m => m.At).Select(m => m.At).ToListAsync(ct);
        var ours = await misses.Where(m => m.OrganizationId == orgId).OrderBy(m => m.At).Select(m => m.At).ToListAsync(ct);
        var retry = RetryAfter(mine, O.AdmissionMissesPerUser, now, Window) ?? RetryAfter(ours, O.AdmissionMissesPerOrganization, now, Window);
        if (retry is null) return;
        await audit.RecordRefusalAsync("institutions.stay.admit-by-id.throttled", "organization", orgId.ToString());
        throw new TooManyRequestsException(
            $"按身份证号查找老年人档案未找到的次数过多（每 {Window.TotalMinutes:0} 分钟本人最多 {O.AdmissionMissesPerUser} 次、本机构最多 {O.AdmissionMissesPerOrganization} 次），" +
            $"请 {TooManyRequestsException.WaitText(retry.Value)} 后再试。已通知安全管理员。", retry.Value);
    }

    /// <summary>Stores a miss (kept although the request fails), audits it, and raises an alert when it reaches a limit.</summary>
    public async Task RecordMissAsync(long orgId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - Window;
        var misses = db.Set<AdmissionMiss>().AsNoTracking().Where(m => m.At > since);
        var mine = await misses.CountAsync(m => m.UserName == UserName, ct) + 1;
        var ours = await misses.CountAsync(m => m.OrganizationId == orgId, ct) + 1;
        db.Add(new AdmissionMiss { OrganizationId = orgId, UserName = UserName, At = now });
        if (mine == O.AdmissionMissesPerUser)
            alerts.Raise("institutions.admission-misses.user",
                $"账号 {UserName} 在入住登记中按身份证号查找老年人档案 {Window.TotalMinutes:0} 分钟内 {mine} 次未找到，已暂停其查找。", UserName, orgId);
        if (ours == O.AdmissionMissesPerOrganization)
            alerts.Raise("institutions.admission-misses.organization",
                $"机构 {orgId} 的入住登记按身份证号查找 {Window.TotalMinutes:0} 分钟内 {ours} 次未找到，已暂停该机构的查找。", UserName, orgId);
        await db.SaveChangesAsync(ct);
        await audit.RecordRefusalAsync("institutions.stay.admit-by-id.no-match", "organization", orgId.ToString(), detail: $"misses={mine}");
    }

    /// <summary>When the oldest counted miss leaves the window, if the limit is used up; null while lookups are left.</summary>
    public static TimeSpan? RetryAfter(IReadOnlyList<DateTimeOffset> missesInWindow, int limit, DateTimeOffset now, TimeSpan window)
    {
        if (limit <= 0 || missesInWindow.Count < limit) return null;
        return missesInWindow[missesInWindow.Count - limit] + window - now;
    }
}
