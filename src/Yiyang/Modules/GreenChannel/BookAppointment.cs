using Yiyang.Modules.Agreements;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Institutions;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.GreenChannel;

public sealed record AppointmentInput(long? QuotaId, long? ElderId, DateOnly? Date, string? Reason, long? ReferralId);

/// <summary>
/// 预约绿色通道 (docs/domain/collaboration.md#green-channel-booking): the care institution books a resident into a
/// hospital department's quota. Books the smallest free slot; a concurrent booking that took it makes this one try the
/// next, until the day is full (409).
/// </summary>
public sealed class BookAppointment(YiyangDb db, CurrentUser user, TimeProvider clock, AuditTrail audit, GreenChannelAccess access, GetAppointment reader)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/appointments", async Task<Created<AppointmentDto>> (AppointmentInput input, BookAppointment handler, CancellationToken ct) =>
            {
                var a = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/green-channel/appointments/{a.Id}", a);
            })
            .ProducesProblems(400, 404, 409)
            .WithSummary("预约：在科室每日名额内分配最小空闲号（数据库唯一约束保证不超额，并发时顺延），约满或协议不在有效期内 409");

    public async Task<AppointmentDto> HandleAsync(AppointmentInput input, CancellationToken ct)
    {
        access.DemandStaff();
        var today = access.Today;
        var date = input.Date ?? today;
        var reason = Validate(input, date, today);
        var quota = await QuotaAsync(input.QuotaId, today, ct);
        var elder = await ElderAsync(input.ElderId, quota.CareOrganizationId, ct);
        if (input.ReferralId is { } rid && !await db.Set<Referral>().AnyAsync(r => r.Id == rid && r.ElderId == elder.Id, ct))
            throw ValidationFailedException.For("referralId", "关联的转诊不存在或不是该老年人的。");
        if (await db.Set<GreenChannelAppointment>().AnyAsync(a => a.ElderId == elder.Id && a.QuotaId == quota.Id && a.Date == date && a.Status != AppointmentStatus.Cancelled, ct))
            throw new ConflictException("already-booked", "该老年人当天已预约该科室。");

        var tried = new List<int>();
        for (var attempt = 0; attempt <= quota.DailyQuota; attempt++)
        {
            var taken = await db.Set<GreenChannelAppointment>().AsNoTracking()
                .Where(a => a.QuotaId == quota.Id && a.Date == date && a.Status != AppointmentStatus.Cancelled).Select(a => a.SlotOrdinal).ToListAsync(ct);
            var slot = AppointmentRules.FreeSlot(taken, quota.DailyQuota, tried)
                       ?? throw new ConflictException("quota-full", $"{quota.Department} {date:yyyy-MM-dd} 的绿色通道名额（{quota.DailyQuota} 个）已约满，请改约其他日期。");
            if (await TryBookAsync(quota, elder, date, slot, reason, input.ReferralId, ct) is { } booked) return booked;
            tried.Add(slot);
        }
        throw new ConflictException("quota-full", $"{quota.Department} {date:yyyy-MM-dd} 的绿色通道名额已约满，请改约其他日期。");
    }

    /// <summary>The reason, once the form is valid.</summary>
    private static string Validate(AppointmentInput input, DateOnly date, DateOnly today)
    {
        var errors = new FieldErrors();
        if (input.QuotaId is null) errors.Add("quotaId", "请选择医院科室。");
        if (input.ElderId is null) errors.Add("elderId", "请选择老年人。");
        if (date < today || date > today.AddDays(30)) errors.Add("date", "就诊日期应在今天至 30 天内。");
        var reason = (input.Reason ?? "").Trim();
        if (reason.Length is 0 or > 500) errors.Add("reason", "请填写就诊原因（最多 500 个字）。");
        errors.ThrowIfAny();
        return reason;
    }

    /// <summary>A quota open to the user's organization, while its cooperation agreement is in force (else 409, nothing written).</summary>
    private async Task<GreenChannelQuota> QuotaAsync(long? quotaId, DateOnly today, CancellationToken ct)
    {
        var quota = await db.Set<GreenChannelQuota>().AsNoTracking().FirstOrDefaultAsync(q => q.Id == quotaId, ct);
        if (quota is null || !(access.SeesAll || user.OrganizationId == quota.CareOrganizationId))
            throw ValidationFailedException.For("quotaId", "该科室未向本机构开放绿色通道名额。");
        var agreement = await db.Set<Agreement>().AsNoTracking().FirstAsync(a => a.Id == quota.AgreementId, ct);
        if (!access.InForce(agreement)) throw GreenChannelAccess.Closed(agreement, today);
        return quota;
    }

    /// <summary>The elder: in the user's scope, or a resident of the booking care institution.</summary>
    private async Task<Elder> ElderAsync(long? elderId, long careOrganizationId, CancellationToken ct) =>
        await ElderScope.Apply(db.Elders.AsNoTracking(), user).FirstOrDefaultAsync(e => e.Id == elderId, ct)
        ?? await (from e in db.Elders.AsNoTracking()
                  join s in db.Set<InstitutionStay>().AsNoTracking() on e.Id equals s.ElderId
                  where e.Id == elderId && s.OrganizationId == careOrganizationId && s.DischargedOn == null
                  select e).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException("未找到该老年人，或您无权查看。");

    /// <summary>Writes the appointment in the slot; null when a concurrent booking took the slot first.</summary>
    private async Task<AppointmentDto?> TryBookAsync(GreenChannelQuota quota, Elder elder, DateOnly date, int slot, string reason, long? referralId,
        CancellationToken ct)
    {
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
            ReferralId = referralId,
            BookedAt = now,
            UpdatedAt = now,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            CreatedByUser = access.Actor,
        };
        var names = await access.NamesAsync([quota.HospitalOrganizationId], ct);
        var ev = TimelineEvent.Create(elder.Id, now, "greenchannel.booked", GreenChannelAccess.Module,
            $"绿色通道预约：{names[quota.HospitalOrganizationId]}·{quota.Department}，{date:yyyy-MM-dd} 第 {slot} 号", access.Actor);
        db.Add(a);
        db.TimelineEvents.Add(ev);
        try
        {
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync("greenchannel.book", "greenchannel-appointment", a.Id.ToString(), elder.Id, $"slot {slot}/{quota.DailyQuota}");
            return await reader.HandleAsync(a.Id, ct, audited: false);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // a concurrent booking took this slot: forget the rows and try the next free one
            db.Entry(a).State = EntityState.Detached;
            db.Entry(ev).State = EntityState.Detached;
            return null;
        }
        catch (DbUpdateException e) when (DbErrors.IsCheckViolation(e))
        {
            // the quota's daily number was changed meanwhile: the (quota, daily number) pair read above is gone
            var current = await db.Set<GreenChannelQuota>().AsNoTracking().Where(x => x.Id == quota.Id).Select(x => x.DailyQuota).FirstAsync(ct);
            if (current == quota.DailyQuota) throw;
            throw new ConflictException("quota-changed", "该科室的每日名额刚刚调整，请重新提交预约。");
        }
    }
}
