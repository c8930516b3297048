using System.Data.Common;

namespace Yiyang.Modules.GreenChannel;

/// <summary>A quota's new daily number (PUT /api/green-channel/quotas/{id}).</summary>
public sealed record QuotaUpdateInput(int? DailyQuota);

/// <summary>
/// 调整名额: changes a quota's daily number (the hospital's institution admin or the city operator). Raising is always
/// possible. Lowering: never below the live bookings of any day from today on (409 naming the first such date), and
/// — because every appointment carries the quota through the composite foreign key (ON UPDATE CASCADE, migration
/// QuotaPage) and its slot number must stay within it (ck_greenchannel_appointment_slot) — never below a slot number
/// already given out on any day, cancelled or past ones included (409 naming the date). A booking made meanwhile
/// that breaks the new number makes the database refuse the change (409).
/// </summary>
public sealed class ChangeQuota(YiyangDb db, CurrentUser user, AuditTrail audit, GreenChannelAccess access, ListQuotas quotas)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/quotas/{id:long}", async Task<Ok<QuotaDto>> (long id, QuotaUpdateInput input, ChangeQuota handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ct)))
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("调整科室每日名额（1–100；医院机构管理员或市级业务管理员）：可随时调高；调低时不得少于今天及以后任一天的已约数，也不得低于已发出的预约号，否则 409 并指明日期");

    public async Task<QuotaDto> HandleAsync(long id, QuotaUpdateInput input, CancellationToken ct)
    {
        access.DemandStaff();
        if (input.DailyQuota is not (>= 1 and <= 100)) throw ValidationFailedException.For("dailyQuota", "每日名额应为 1–100。");
        var q = await db.Set<GreenChannelQuota>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (q is null || !(access.SeesAll || user.OrganizationId == q.HospitalOrganizationId || user.OrganizationId == q.CareOrganizationId))
            throw new NotFoundException("未找到该绿色通道名额，或您无权查看。");
        if (!access.CanManage(q.HospitalOrganizationId)) throw new ForbiddenException("只有提供名额的医院的机构管理员可以调整每日名额。");
        var n = input.DailyQuota.Value;
        var today = access.Today;
        if (n < q.DailyQuota) await CheckLoweringAsync(q, n, today, ct);
        if (n != q.DailyQuota) await UpdateAsync(q, n, ct);
        return (await quotas.HandleAsync(today, ct)).Single(x => x.Id == id);
    }

    private async Task CheckLoweringAsync(GreenChannelQuota q, int n, DateOnly today, CancellationToken ct)
    {
        // bookings already made for today or a coming day stay valid
        var days = await db.Set<GreenChannelAppointment>().AsNoTracking()
            .Where(a => a.QuotaId == q.Id && a.Date >= today && a.Status != AppointmentStatus.Cancelled)
            .GroupBy(a => a.Date).Select(g => new { Date = g.Key, Count = g.Count() }).ToListAsync(ct);
        if (days.Where(d => d.Count > n).OrderBy(d => d.Date).FirstOrDefault() is { } full)
            throw new ConflictException("quota-below-bookings",
                $"{full.Date:yyyy-MM-dd} 已有 {full.Count} 个预约，每日名额不能少于 {full.Count}。");
        // a slot number already given out must stay within the quota (database check on every appointment row)
        var high = await db.Set<GreenChannelAppointment>().AsNoTracking()
            .Where(a => a.QuotaId == q.Id && a.SlotOrdinal > n)
            .OrderByDescending(a => a.Date >= today).ThenByDescending(a => a.SlotOrdinal).ThenBy(a => a.Date)
            .Select(a => new { a.Date, a.SlotOrdinal }).FirstOrDefaultAsync(ct);
        if (high is not null)
            throw new ConflictException("quota-below-slot",
                $"{high.Date:yyyy-MM-dd} 已发出第 {high.SlotOrdinal} 号（含已取消或已就诊的预约），预约号不能超过每日名额，每日名额不能少于 {high.SlotOrdinal}。");
    }

    private async Task UpdateAsync(GreenChannelQuota q, int n, CancellationToken ct)
    {
        int changed;
        try
        {
            // raw UPDATE: the daily number is part of the alternate key the appointments reference (cascaded by the database)
            changed = await db.Database.ExecuteSqlAsync(
                $"UPDATE greenchannel_quota SET daily_quota = {n} WHERE id = {q.Id} AND daily_quota = {q.DailyQuota}", ct);
        }
        catch (DbException e) when (IsConstraintViolation(e))
        {
            throw new ConflictException("quota-below-bookings", "刚有新的预约超出了新的每日名额，未作调整，请刷新后重试。");
        }
        if (changed == 0) throw new ConflictException("concurrency", "该名额已被他人调整，请刷新后重试。");
        await audit.RecordAsync("greenchannel.quota.update", "greenchannel-quota", q.Id.ToString(), null, $"{q.Department}: {q.DailyQuota} -> {n}/day");
    }

    private static bool IsConstraintViolation(DbException e) => e switch
    {
        Npgsql.PostgresException pg => pg.SqlState is "23514" or "23503",
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19,
        _ => false,
    };
}
