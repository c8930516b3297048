using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Agreements;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Institutions;
using Yiyang.Modules.Organizations;
using Yiyang.Modules.Referrals;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.GreenChannel;

public sealed record QuotaInput(long? AgreementId, string? Department, int? DailyQuota);

/// <summary>A quota's new daily number (PUT /api/green-channel/quotas/{id}).</summary>
public sealed record QuotaUpdateInput(int? DailyQuota);

/// <summary>An agreement under which the user may open a quota (in force, with the 绿色通道 item).</summary>
public sealed record QuotaAgreementChoice(long Id, string Label);

public sealed record QuotaDto(long Id, long AgreementId, bool Open, OrgRef Hospital, OrgRef Care, string Department, int DailyQuota, DateOnly Date, int Booked, int Remaining);

public sealed record AppointmentInput(long? QuotaId, long? ElderId, DateOnly? Date, string? Reason, long? ReferralId);

public sealed record AppointmentTransitionInput(string? Reason, int? Version);

public sealed record AppointmentDto(
    long Id, long QuotaId, OrgRef Hospital, OrgRef Care, string Department, long ElderId, string ElderName, int ElderAge, string ElderSexName,
    DateOnly Date, int SlotOrdinal, int DailyQuota, string Status, string StatusName, string Reason, long? ReferralId,
    DateTimeOffset BookedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? ArrivedAt, DateTimeOffset? ServedAt, DateTimeOffset? CancelledAt,
    string? CancelReason, int? MinutesToCare, int? MinutesFromBooking, IReadOnlyList<string> Actions, int Version);

/// <summary>
/// Green-channel appointments (issue 5, must-have 5; domain rules §8): a care institution books a resident into a partner
/// hospital department within the department's daily quota; the hospital confirms, records the arrival and the moment
/// the elder is seen (time-to-care). A quota hangs off a cooperation agreement with the 绿色通道 item; booking is
/// allowed only while that agreement is in force (<see cref="AgreementRules.IsInForce"/>). The quota is a database invariant (unique live slot ordinal ≤ quota), also under concurrent bookings.
/// </summary>
public sealed class GreenChannelService(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock)
{
    private const string Module = "greenchannel";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(China).DateTime);
    private string Actor => user.IsAuthenticated ? user.UserName : "system";
    private bool IsAdmin => user.Role == Roles.PlatformAdmin;

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    private static NotFoundException NoAppointment() => new("未找到该预约，或您无权查看。");

    private void RequireStaff()
    {
        if (!Policies.Map[Policies.GreenChannel].Contains(user.Role)) throw new ForbiddenException();
    }

    private async Task<Dictionary<long, string>> NamesAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    // ---------------------------------------------------------------- quotas (under a cooperation agreement)

    private const string GreenChannelItem = "green-channel";

    private bool InForce(Agreement a) => AgreementRules.IsInForce(a.Status, a.StartOn, a.EndOn, Today);

    private static ConflictException Closed(Agreement a, DateOnly today) =>
        new("agreement-not-in-force",
            $"该绿色通道所依据的签约合作协议当前状态为“{AgreementRules.StatusName(AgreementRules.StatusOn(a.Status, a.EndOn, today))}”，不在有效期内，不能预约；已有预约仍可查看和就诊。");

    public async Task<QuotaDto> CreateQuotaAsync(QuotaInput input, CancellationToken ct)
    {
        RequireStaff();
        var errors = new FieldErrors();
        var department = (input.Department ?? "").Trim();
        if (department.Length is 0 or > 50) errors.Add("department", "请填写科室（最多 50 个字）。");
        if (input.DailyQuota is not (>= 1 and <= 100)) errors.Add("dailyQuota", "每日名额应为 1–100。");
        if (input.AgreementId is null) errors.Add("agreementId", "请选择签约合作协议。");
        errors.ThrowIfAny();
        var a = await db.Set<Agreement>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == input.AgreementId, ct);
        // the hospital's administrator sets its own departments' quotas
        if (a is null || !(IsAdmin || (user.Role == Roles.InstitutionAdmin && user.OrganizationId == a.MedicalOrganizationId)))
            throw Invalid("agreementId", "协议不存在，或您不是该协议医疗机构的机构管理员。");
        if (!a.Items.Split(',').Contains(GreenChannelItem))
            throw Invalid("agreementId", "该协议的合作内容不含“绿色通道”，不能设置绿色通道名额。");
        if (!InForce(a)) throw Closed(a, Today);
        if (await db.Set<GreenChannelQuota>().AnyAsync(q => q.AgreementId == a.Id && q.Department == department, ct))
            throw new ConflictException("quota-exists", $"{department}已在该协议下设置名额。");
        var q = new GreenChannelQuota
        {
            AgreementId = a.Id,
            HospitalOrganizationId = a.MedicalOrganizationId,
            CareOrganizationId = a.CareOrganizationId,
            Department = department,
            DailyQuota = input.DailyQuota!.Value,
            CreatedByUser = Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(q);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("quota-exists", $"{department}已在该协议下设置名额。");
        }
        await audit.RecordAsync("greenchannel.quota.create", "greenchannel-quota", q.Id.ToString(), null, $"{department}: {q.DailyQuota}/day");
        var names = await NamesAsync([q.HospitalOrganizationId, q.CareOrganizationId], ct);
        return new QuotaDto(q.Id, a.Id, true, new OrgRef(q.HospitalOrganizationId, names[q.HospitalOrganizationId]), new OrgRef(q.CareOrganizationId, names[q.CareOrganizationId]),
            q.Department, q.DailyQuota, Today, 0, q.DailyQuota);
    }

    /// <summary>True when the user sets the quotas of this hospital: its institution admin, or the platform admin.</summary>
    public bool CanManage(long hospitalOrganizationId) =>
        IsAdmin || (user.Role == Roles.InstitutionAdmin && user.OrganizationId == hospitalOrganizationId);

    /// <summary>
    /// The agreements under which the user may open a quota: in force today, with the 绿色通道 item, and the user's
    /// organization the medical party (platform admin: every such agreement).
    /// </summary>
    public async Task<IReadOnlyList<QuotaAgreementChoice>> QuotaAgreementsAsync(CancellationToken ct)
    {
        RequireStaff();
        if (!IsAdmin && user.Role != Roles.InstitutionAdmin) return [];
        var org = user.OrganizationId;
        var rows = await db.Set<Agreement>().AsNoTracking()
            .Where(a => a.Status == AgreementStatus.Effective && (IsAdmin || a.MedicalOrganizationId == org))
            .OrderBy(a => a.Id).ToListAsync(ct);
        var list = rows.Where(a => InForce(a) && a.Items.Split(',').Contains(GreenChannelItem)).ToList();
        var names = await NamesAsync(list.SelectMany(a => new[] { a.MedicalOrganizationId, a.CareOrganizationId }), ct);
        return list.Select(a => new QuotaAgreementChoice(a.Id,
            $"{names[a.MedicalOrganizationId]} — {names[a.CareOrganizationId]}（{a.StartOn:yyyy-MM-dd} 至 {a.EndOn:yyyy-MM-dd}）")).ToList();
    }

    /// <summary>
    /// Changes a quota's daily number (the hospital's institution admin or the platform admin). Raising is always
    /// possible. Lowering: never below the live bookings of any day from today on (409 naming the first such date), and
    /// — because every appointment carries the quota through the composite foreign key (ON UPDATE CASCADE, migration
    /// QuotaPage) and its slot number must stay within it (ck_greenchannel_appointment_slot) — never below a slot number
    /// already given out on any day, cancelled or past ones included (409 naming the date). A booking made meanwhile
    /// that breaks the new number makes the database refuse the change (409).
    /// </summary>
    public async Task<QuotaDto> UpdateQuotaAsync(long id, QuotaUpdateInput input, CancellationToken ct)
    {
        RequireStaff();
        if (input.DailyQuota is not (>= 1 and <= 100)) throw Invalid("dailyQuota", "每日名额应为 1–100。");
        var q = await db.Set<GreenChannelQuota>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (q is null || !(IsAdmin || user.OrganizationId == q.HospitalOrganizationId || user.OrganizationId == q.CareOrganizationId))
            throw new NotFoundException("未找到该绿色通道名额，或您无权查看。");
        if (!CanManage(q.HospitalOrganizationId)) throw new ForbiddenException("只有提供名额的医院的机构管理员可以调整每日名额。");
        var n = input.DailyQuota.Value;
        var today = Today;
        if (n < q.DailyQuota)
        {
            // bookings already made for today or a coming day stay valid
            var days = await db.Set<GreenChannelAppointment>().AsNoTracking()
                .Where(a => a.QuotaId == id && a.Date >= today && a.Status != AppointmentStatus.Cancelled)
                .GroupBy(a => a.Date).Select(g => new { Date = g.Key, Count = g.Count() }).ToListAsync(ct);
            if (days.Where(d => d.Count > n).OrderBy(d => d.Date).FirstOrDefault() is { } full)
                throw new ConflictException("quota-below-bookings",
                    $"{full.Date:yyyy-MM-dd} 已有 {full.Count} 个预约，每日名额不能少于 {full.Count}。");
            // a slot number already given out must stay within the quota (database check on every appointment row)
            var high = await db.Set<GreenChannelAppointment>().AsNoTracking()
                .Where(a => a.QuotaId == id && a.SlotOrdinal > n)
                .OrderByDescending(a => a.Date >= today).ThenByDescending(a => a.SlotOrdinal).ThenBy(a => a.Date)
                .Select(a => new { a.Date, a.SlotOrdinal }).FirstOrDefaultAsync(ct);
            if (high is not null)
                throw new ConflictException("quota-below-slot",
                    $"{high.Date:yyyy-MM-dd} 已发出第 {high.SlotOrdinal} 号（含已取消或已就诊的预约），预约号不能超过每日名额，每日名额不能少于 {high.SlotOrdinal}。");
        }
        if (n != q.DailyQuota)
        {
            int changed;
            try
            {
                // raw UPDATE: the daily number is part of the alternate key the appointments reference (cascaded by the database)
                changed = await db.Database.ExecuteSqlAsync(
                    $"UPDATE greenchannel_quota SET daily_quota = {n} WHERE id = {id} AND daily_quota = {q.DailyQuota}", ct);
            }
            catch (DbException e) when (IsConstraintViolation(e))
            {
                throw new ConflictException("quota-below-bookings", "刚有新的预约超出了新的每日名额，未作调整，请刷新后重试。");
            }
            if (changed == 0) throw new ConflictException("concurrency", "该名额已被他人调整，请刷新后重试。");
            await audit.RecordAsync("greenchannel.quota.update", "greenchannel-quota", id.ToString(), null, $"{q.Department}: {q.DailyQuota} -> {n}/day");
        }
        return (await QuotasAsync(today, ct)).Single(x => x.Id == id);
    }

    private static bool IsConstraintViolation(DbException e) => e switch
    {
        Npgsql.PostgresException pg => pg.SqlState is "23514" or "23503",
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19,
        _ => false,
    };

    /// <summary>
    /// The quotas the user's organization gives or may use, with the slots booked and left on the date; <c>open</c> says
    /// whether the agreement is in force today (only then can it be booked).
    /// </summary>
    public async Task<IReadOnlyList<QuotaDto>> QuotasAsync(DateOnly? date, CancellationToken ct)
    {
        RequireStaff();
        var day = date ?? Today;
        var org = user.OrganizationId;
        var rows = await (from q in db.Set<GreenChannelQuota>().AsNoTracking()
                          join a in db.Set<Agreement>().AsNoTracking() on q.AgreementId equals a.Id
                          where IsAdmin || q.HospitalOrganizationId == org || q.CareOrganizationId == org
                          orderby q.HospitalOrganizationId, q.Department
                          select new { q, a }).ToListAsync(ct);
        var ids = rows.Select(x => x.q.Id).ToList();
        var booked = await db.Set<GreenChannelAppointment>().AsNoTracking()
            .Where(a => ids.Contains(a.QuotaId) && a.Date == day && a.Status != AppointmentStatus.Cancelled)
            .GroupBy(a => a.QuotaId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var names = await NamesAsync(rows.SelectMany(x => new[] { x.q.HospitalOrganizationId, x.q.CareOrganizationId }), ct);
        return rows.Select(x =>
        {
            var q = x.q;
            var n = booked.GetValueOrDefault(q.Id);
            return new QuotaDto(q.Id, q.AgreementId, InForce(x.a), new OrgRef(q.HospitalOrganizationId, names[q.HospitalOrganizationId]),
                new OrgRef(q.CareOrganizationId, names[q.CareOrganizationId]), q.Department, q.DailyQuota, day, n, Math.Max(0, q.DailyQuota - n));
        }).ToList();
    }

    // ---------------------------------------------------------------- appointments

    /// <summary>Books the smallest free slot; a concurrent booking that took it makes this one try the next, until the day is full (409).</summary>
    public async Task<AppointmentDto> BookAsync(AppointmentInput input, CancellationToken ct)
    {
        RequireStaff();
        var errors = new FieldErrors();
        if (input.QuotaId is null) errors.Add("quotaId", "请选择医院科室。");
        if (input.ElderId is null) errors.Add("elderId", "请选择老年人。");
        var today = Today;
        var date = input.Date ?? today;
        if (date < today || date > today.AddDays(30)) errors.Add("date", "就诊日期应在今天至 30 天内。");
        var reason = (input.Reason ?? "").Trim();
        if (reason.Length is 0 or > 500) errors.Add("reason", "请填写就诊原因（最多 500 个字）。");
        errors.ThrowIfAny();

        var quota = await db.Set<GreenChannelQuota>().AsNoTracking().FirstOrDefaultAsync(q => q.Id == input.QuotaId, ct);
        if (quota is null || !(IsAdmin || user.OrganizationId == quota.CareOrganizationId))
            throw Invalid("quotaId", "该科室未向本机构开放绿色通道名额。");
        // the channel is open only while the cooperation agreement is in force (terminated or expired: 409, nothing written)
        var agreement = await db.Set<Agreement>().AsNoTracking().FirstAsync(a => a.Id == quota.AgreementId, ct);
        if (!InForce(agreement)) throw Closed(agreement, today);
        // the elder: in the user's scope, or a resident of the booking care institution
        var elder = await ElderScope.Apply(db.Elders.AsNoTracking(), user).FirstOrDefaultAsync(e => e.Id == input.ElderId, ct)
                    ?? await (from e in db.Elders.AsNoTracking()
                              join s in db.Set<InstitutionStay>().AsNoTracking() on e.Id equals s.ElderId
                              where e.Id == input.ElderId && s.OrganizationId == quota.CareOrganizationId && s.DischargedOn == null
                              select e).FirstOrDefaultAsync(ct)
                    ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
        if (input.ReferralId is { } rid && !await db.Set<Referral>().AnyAsync(r => r.Id == rid && r.ElderId == elder.Id, ct))
            throw Invalid("referralId", "关联的转诊不存在或不是该老年人的。");
        if (await db.Set<GreenChannelAppointment>().AnyAsync(a => a.ElderId == elder.Id && a.QuotaId == quota.Id && a.Date == date && a.Status != AppointmentStatus.Cancelled, ct))
            throw new ConflictException("already-booked", "该老年人当天已预约该科室。");

        var tried = new List<int>();
        for (var attempt = 0; attempt <= quota.DailyQuota; attempt++)
        {
            var taken = await db.Set<GreenChannelAppointment>().AsNoTracking()
                .Where(a => a.QuotaId == quota.Id && a.Date == date && a.Status != AppointmentStatus.Cancelled).Select(a => a.SlotOrdinal).ToListAsync(ct);
            var slot = AppointmentRules.FreeSlot(taken, quota.DailyQuota, tried)
                       ?? throw new ConflictException("quota-full", $"{quota.Department} {date:yyyy-MM-dd} 的绿色通道名额（{quota.DailyQuota} 个）已约满，请改约其他日期。");
            var now = clock.GetUtcNow();
            var a = new GreenChannelAppointment
            {
                QuotaId = quota.Id,
                DailyQuota = quota.DailyQuota,
                HospitalOrganizationId = quota.HospitalOrganizationId,
                CareOrganizationId = quota.CareOrganizationId,
                Department = quota.Department,
                ElderId = elder.Id,
                Date = date,
                SlotOrdinal = slot,
                Status = AppointmentStatus.Booked,
                Reason = reason,
                ReferralId = input.ReferralId,
                BookedAt = now,
                UpdatedAt = now,
                TownshipCode = elder.TownshipCode,
                CountyCode = elder.CountyCode,
                CreatedByUser = Actor,
            };
            var names = await NamesAsync([quota.HospitalOrganizationId], ct);
            var ev = TimelineEvent.Create(elder.Id, now, "greenchannel.booked", Module,
                $"绿色通道预约：{names[quota.HospitalOrganizationId]}·{quota.Department}，{date:yyyy-MM-dd} 第 {slot} 号", Actor);
            db.Add(a);
            db.TimelineEvents.Add(ev);
            try
            {
                await db.SaveChangesAsync(ct);
                await audit.RecordAsync("greenchannel.book", "greenchannel-appointment", a.Id.ToString(), elder.Id, $"slot {slot}/{quota.DailyQuota}");
                return await GetAsync(a.Id, ct, audited: false);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // a concurrent booking took this slot: forget the rows and try the next free one
                db.Entry(a).State = EntityState.Detached;
                db.Entry(ev).State = EntityState.Detached;
                tried.Add(slot);
            }
            catch (DbUpdateException e) when (DbErrors.IsCheckViolation(e))
            {
                // the quota's daily number was changed meanwhile: the (quota, daily number) pair read above is gone
                var current = await db.Set<GreenChannelQuota>().AsNoTracking().Where(x => x.Id == quota.Id).Select(x => x.DailyQuota).FirstAsync(ct);
                if (current == quota.DailyQuota) throw;
                throw new ConflictException("quota-changed", "该科室的每日名额刚刚调整，请重新提交预约。");
            }
        }
        throw new ConflictException("quota-full", $"{quota.Department} {date:yyyy-MM-dd} 的绿色通道名额已约满，请改约其他日期。");
    }

    private IQueryable<GreenChannelAppointment> Scoped()
    {
        var q = db.Set<GreenChannelAppointment>().AsQueryable();
        if (IsAdmin) return q;
        if (!Roles.InstitutionStaff.Contains(user.Role) || user.OrganizationId is not { } org) return q.Where(a => false);
        return q.Where(a => a.HospitalOrganizationId == org || a.CareOrganizationId == org);
    }

    public async Task<AppointmentDto> TransitionAsync(long id, AppointmentAction action, AppointmentTransitionInput input, int? ifMatch, CancellationToken ct)
    {
        RequireStaff();
        var a = await Scoped().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NoAppointment();
        var hospitalSide = IsAdmin || user.OrganizationId == a.HospitalOrganizationId;
        var careSide = IsAdmin || user.OrganizationId == a.CareOrganizationId;
        if (AppointmentRules.Refusal(a.Status, action, hospitalSide, careSide) is { } refusal)
            throw refusal.Status == 403 ? new ForbiddenException(refusal.Message) : new ConflictException("illegal-transition", refusal.Message);
        if (ifMatch is not null || input.Version is not null) Etags.CheckVersion(a.Version, ifMatch, input.Version);
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        if (action == AppointmentAction.Cancel && reason is null) throw Invalid("reason", "请填写取消原因。");
        if (reason is { Length: > 500 }) throw Invalid("reason", "原因最多 500 个字。");
        var now = clock.GetUtcNow();
        a.Status = AppointmentRules.Next(action);
        a.UpdatedAt = now;
        a.Version++;
        string summary;
        switch (action)
        {
            case AppointmentAction.Confirm:
                a.ConfirmedAt = now;
                summary = $"绿色通道预约已确认：{a.Department}，{a.Date:yyyy-MM-dd} 第 {a.SlotOrdinal} 号";
                break;
            case AppointmentAction.Arrive:
                a.ArrivedAt = now;
                summary = $"绿色通道：已到达{a.Department}";
                break;
            case AppointmentAction.Serve:
                a.ServedAt = now;
                summary = $"绿色通道：{a.Department}已接诊（到达后 {ReferralRules.Duration(AppointmentRules.MinutesToCare(a.ArrivedAt, now)!.Value)}）";
                break;
            default:
                a.CancelledAt = now;
                a.CancelReason = reason;
                summary = $"绿色通道预约已取消：{a.Department}，{a.Date:yyyy-MM-dd}";
                break;
        }
        db.TimelineEvents.Add(TimelineEvent.Create(a.ElderId, now, "greenchannel." + AppointmentRules.StatusCode(a.Status), Module, summary, Actor));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "该预约已被他人处理，请刷新后查看最新状态。");
        }
        await audit.RecordAsync("greenchannel." + action.ToString().ToLowerInvariant(), "greenchannel-appointment", a.Id.ToString(), a.ElderId);
        return await GetAsync(a.Id, ct, audited: false);
    }

    public async Task<AppointmentDto> GetAsync(long id, CancellationToken ct, bool audited = true)
    {
        RequireStaff();
        var a = await Scoped().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NoAppointment();
        if (audited) await audit.RecordAsync("greenchannel.read", "greenchannel-appointment", a.Id.ToString(), a.ElderId);
        return (await ToDtos([a], ct)).Single();
    }

    /// <summary>The organization's appointments (booked by it or made with it), by date; newest date first.</summary>
    public async Task<IReadOnlyList<AppointmentDto>> ListAsync(DateOnly? from, DateOnly? to, string? status, CancellationToken ct)
    {
        RequireStaff();
        var q = Scoped().AsNoTracking();
        if (from is { } f) q = q.Where(a => a.Date >= f);
        if (to is { } t) q = q.Where(a => a.Date <= t);
        if (!string.IsNullOrWhiteSpace(status))
        {
            var s = Enum.GetValues<AppointmentStatus>().Cast<AppointmentStatus?>().FirstOrDefault(x => AppointmentRules.StatusCode(x!.Value) == status.Trim())
                    ?? throw Invalid("status", "状态只能是 booked、confirmed、arrived、served 或 cancelled。");
            q = q.Where(a => a.Status == s);
        }
        var rows = await q.OrderByDescending(a => a.Date).ThenBy(a => a.Department).ThenBy(a => a.SlotOrdinal).Take(500).ToListAsync(ct);
        return await ToDtos(rows, ct);
    }

    private async Task<IReadOnlyList<AppointmentDto>> ToDtos(IReadOnlyList<GreenChannelAppointment> rows, CancellationToken ct)
    {
        var elderIds = rows.Select(a => a.ElderId).Distinct().ToList();
        var elders = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var names = await NamesAsync(rows.SelectMany(a => new[] { a.HospitalOrganizationId, a.CareOrganizationId }), ct);
        var today = Today;
        return rows.Select(a =>
        {
            var e = elders[a.ElderId];
            var hospitalSide = IsAdmin || user.OrganizationId == a.HospitalOrganizationId;
            var careSide = IsAdmin || user.OrganizationId == a.CareOrganizationId;
            var actions = Enum.GetValues<AppointmentAction>().Where(x => AppointmentRules.Refusal(a.Status, x, hospitalSide, careSide) is null)
                .Select(x => x.ToString().ToLowerInvariant()).ToList();
            return new AppointmentDto(a.Id, a.QuotaId, new OrgRef(a.HospitalOrganizationId, names[a.HospitalOrganizationId]),
                new OrgRef(a.CareOrganizationId, names[a.CareOrganizationId]), a.Department, a.ElderId,
                ElderScope.Allows(user, e) ? e.Name : Masking.Name(e.Name), e.AgeOn(today), CodeLists.SexName(e.Sex),
                a.Date, a.SlotOrdinal, a.DailyQuota, AppointmentRules.StatusCode(a.Status), AppointmentRules.StatusName(a.Status), a.Reason, a.ReferralId,
                a.BookedAt, a.ConfirmedAt, a.ArrivedAt, a.ServedAt, a.CancelledAt, a.CancelReason,
                AppointmentRules.MinutesToCare(a.ArrivedAt, a.ServedAt), AppointmentRules.MinutesFromBooking(a.BookedAt, a.ServedAt), actions, a.Version);
        }).ToList();
    }
}
