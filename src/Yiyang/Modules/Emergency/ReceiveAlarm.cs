using System.Globalization;

namespace Yiyang.Modules.Emergency;

public sealed record AlarmInput(long? DeviceId, string? MessageId, string? Kind, DateTimeOffset? At, decimal? Value, string? Unit);

/// <summary>
/// 接收报警 (device secret): the alarm is stored and opens or joins an incident; 202 with the incident only after the
/// commit. A message id the device sent before answers that incident again and stores nothing (a unique index on
/// device + message id; two identical posts at once are serialized on the device row, and the unique index is the backstop).
/// </summary>
public sealed class ReceiveAlarm(YiyangDb db, AuditTrail audit, DeviceSignals signals, IncidentOpener opener)
{
    public static void Map(RouteGroupBuilder devices) =>
        devices.MapPost("/alarms", async Task<Accepted<AlarmAccepted>> (AlarmInput input, DeviceCaller caller, ReceiveAlarm handler, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await handler.HandleAsync(input, caller, ct)))
            .ProducesProblems(400, 401, 403)
            .WithSummary("设备报警（设备密钥）：kind 为 sos、fall、bed-exit、smoke、gas、low-battery、device-fault；同一设备重复的 messageId 返回同一事件，不重复保存");

    public async Task<AlarmAccepted> HandleAsync(AlarmInput input, DeviceCaller caller, CancellationToken ct)
    {
        var (kind, messageId) = Validate(input, signals.Now);
        caller.Demand(input.DeviceId);
        if (await StoredAsync(caller.DeviceId, messageId, ct) is { } replay) return new AlarmAccepted(replay);

        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        var device = await signals.SeenAsync(caller, null, ct);
        if (await StoredAsync(caller.DeviceId, messageId, ct) is { } raced)
        {
            await tx.RollbackAsync(ct);
            return new AlarmAccepted(raced);
        }
        var summary = $"{DeviceSignals.Where(device)}报警：{IncidentRules.KindName(kind)}" + (input.Value is { } v ? $"，读数 {v.ToString(CultureInfo.InvariantCulture)}{input.Unit}" : "");
        var incident = await opener.OpenOrJoinAsync(new Signal(device.ElderId, device.Id, kind, summary, device.TownshipCode, device.CountyCode, caller.Actor), ct);
        var alarm = new EmergencyAlarm
        {
            DeviceId = device.Id,
            MessageId = messageId,
            Kind = kind,
            At = input.At!.Value,
            ReceivedAt = signals.Now,
            Value = input.Value,
            Unit = string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim(),
            IncidentId = incident.Id,
            ElderId = device.ElderId,
            CountyCode = device.CountyCode,
        };
        db.Add(alarm);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // the same message committed by another node in between: answer its incident, keep nothing of this attempt
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new AlarmAccepted(await StoredAsync(caller.DeviceId, messageId, ct) ?? throw new ConflictException("retry", "请稍后重试。"));
        }
        await audit.RecordAsAsync(caller.Actor, null, DeviceAuthentication.Role, "emergency.alarm.receive", "emergency-incident",
            incident.Id.ToString(CultureInfo.InvariantCulture), $"alarm={alarm.Id}; kind={IncidentRules.KindCode(kind)}; signals={incident.SignalCount}");
        await tx.CommitAsync(ct);
        return new AlarmAccepted(incident.Id);
    }

    private Task<long?> StoredAsync(long deviceId, string messageId, CancellationToken ct) =>
        db.Set<EmergencyAlarm>().AsNoTracking().Where(a => a.DeviceId == deviceId && a.MessageId == messageId).Select(a => (long?)a.IncidentId).FirstOrDefaultAsync(ct);

    private static (IncidentKind Kind, string MessageId) Validate(AlarmInput input, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (input.DeviceId is null) errors.Add("deviceId", "请提供设备编号 deviceId。");
        var messageId = MessageIds.Check(input.MessageId, "messageId", errors);
        var kind = IncidentRules.ParseAlarmKind(input.Kind);
        if (kind is null) errors.Add("kind", "报警类型应为 sos、fall、bed-exit、smoke、gas、low-battery 或 device-fault。");
        MessageIds.CheckAt(input.At, "at", now, errors);
        if (input.Value is { } v && Math.Abs(v) > 1_000_000) errors.Add("value", "读数超出范围。");
        if (input.Unit is { Length: > 16 }) errors.Add("unit", "单位最多 16 个字符。");
        if (input.Value is null && !string.IsNullOrWhiteSpace(input.Unit)) errors.Add("value", "填写了单位时请同时提供读数。");
        errors.ThrowIfAny();
        return (kind!.Value, messageId!);
    }
}

/// <summary>The checks every device message shares: its id and its time.</summary>
public static class MessageIds
{
    /// <summary>How far a device's clock may run ahead of the server's.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(10);

    /// <summary>How old a message held back by a device (no network) may be.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    public static string? Check(string? id, string field, FieldErrors errors)
    {
        var v = id?.Trim() ?? "";
        if (v.Length is 0 or > 64 || v.Any(c => c is < '!' or > '~'))
        {
            errors.Add(field, "消息编号应为 1–64 个可见 ASCII 字符（重发时保持不变）。");
            return null;
        }
        return v;
    }

    public static void CheckAt(DateTimeOffset? at, string field, DateTimeOffset now, FieldErrors errors)
    {
        if (at is not { } t) errors.Add(field, "请提供发生时间。");
        else if (t > now + MaxAhead) errors.Add(field, "发生时间晚于服务器时间超过 10 分钟，请校准设备时钟。");
        else if (t < now - MaxAge) errors.Add(field, "发生时间早于 30 天前，不再接收。");
    }
}
