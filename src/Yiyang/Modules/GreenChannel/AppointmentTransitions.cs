using Yiyang.Modules.Elders;

namespace Yiyang.Modules.GreenChannel;

/// <summary>An appointment step under way: the tracked appointment (already in its next status), the instant and the reason given.</summary>
public sealed record AppointmentTransition(GreenChannelAppointment Appointment, AppointmentAction Action, DateTimeOffset Now, string? Reason);

/// <summary>
/// The steps 确认 / 登记到达 / 登记就诊 / 取消 share: the rules decide (<see cref="AppointmentRules.Refusal"/>: 403 wrong
/// side, 409 wrong state), the version is checked, the reason read; after the use case has set its fields, the step goes
/// on the elder's timeline, is saved and audited.
/// </summary>
public sealed class AppointmentTransitions(YiyangDb db, TimeProvider clock, AuditTrail audit, GreenChannelAccess access, GetAppointment reader)
{
    private static readonly AppointmentTransitionInput Empty = new(null, null);

    public async Task<AppointmentTransition> BeginAsync(long id, AppointmentAction action, AppointmentTransitionInput? input, int? ifMatch, CancellationToken ct)
    {
        input ??= Empty;
        access.DemandStaff();
        var a = await access.Scoped().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw GreenChannelAccess.NoAppointment();
        if (AppointmentRules.Refusal(a.Status, action, access.IsHospitalSide(a), access.IsCareSide(a)) is { } refusal)
            throw refusal.Status == 403 ? new ForbiddenException(refusal.Message) : new ConflictException("illegal-transition", refusal.Message);
        if (ifMatch is not null || input.Version is not null) Etags.CheckVersion(a.Version, ifMatch, input.Version);
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        if (action == AppointmentAction.Cancel && reason is null) throw ValidationFailedException.For("reason", "请填写取消原因。");
        if (reason is { Length: > 500 }) throw ValidationFailedException.For("reason", "原因最多 500 个字。");
        var now = clock.GetUtcNow();
        a.Status = AppointmentRules.Next(action);
        a.UpdatedAt = now;
        a.Version++;
        return new AppointmentTransition(a, action, now, reason);
    }

    /// <summary>Timeline, save (a lost race is a 409), audit; answers with the appointment as it now stands.</summary>
    public async Task<AppointmentDto> CommitAsync(AppointmentTransition t, string summary, CancellationToken ct)
    {
        var a = t.Appointment;
        db.TimelineEvents.Add(TimelineEvent.Create(a.ElderId, t.Now, "greenchannel." + AppointmentRules.StatusCode(a.Status), GreenChannelAccess.Module,
            summary, access.Actor));
        await db.SaveOrConflictAsync(ct, onConcurrency: () => new ConflictException("concurrency", "该预约已被他人处理，请刷新后查看最新状态。"));
        await audit.RecordAsync("greenchannel." + t.Action.ToString().ToLowerInvariant(), "greenchannel-appointment", a.Id.ToString(), a.ElderId);
        return await reader.HandleAsync(a.Id, ct, audited: false);
    }
}
