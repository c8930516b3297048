using System.Globalization;
using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.Emergency;

public sealed record ReadingItem(string? MessageId, DateTimeOffset? At, int? Systolic, int? Diastolic, int? Pulse, decimal? Temperature, decimal? Glucose,
    int? Spo2, decimal? Weight);

public sealed record ReadingsInput(long? DeviceId, IReadOnlyList<ReadingItem?>? Readings);

/// <summary>
/// 接收测量数据 (device secret): a batch of up to 500 measurements, stored as the elder's time series. A value outside the
/// plausible ranges of the home-visit vitals (<see cref="VisitRules"/>) is a 400 and nothing of the batch is stored; a
/// value beyond the elder's alert thresholds (<see cref="VitalThresholds"/>: the defaults, or the doctor's) opens or
/// joins the elder's vitals incident. Message ids already stored for the device are skipped (a retried batch stores
/// nothing new).
/// </summary>
public sealed class ReceiveReadings(YiyangDb db, AuditTrail audit, DeviceSignals signals, VitalAlerts alerts, VitalThresholdSettings thresholds)
{
    public const int MaxBatch = 500;

    public static void Map(RouteGroupBuilder devices) =>
        devices.MapPost("/readings", async Task<Accepted<ReadingsAccepted>> (ReadingsInput input, DeviceCaller caller, ReceiveReadings handler, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await handler.HandleAsync(input, caller, ct)))
            .ProducesProblems(400, 401, 403)
            .WithSummary("设备测量数据（设备密钥），每批最多 500 条：收缩压、舒张压、脉搏、体温、血糖、血氧、体重；超出预警阈值的开立或并入体征异常事件");

    public async Task<ReadingsAccepted> HandleAsync(ReadingsInput input, DeviceCaller caller, CancellationToken ct)
    {
        var items = Validate(input, signals.Now);
        caller.Demand(input.DeviceId);
        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        var device = await signals.SeenAsync(caller, null, ct);
        var ids = items.Select(i => i.MessageId!).ToList();
        var stored = await db.Set<EmergencyReading>().AsNoTracking().Where(r => r.DeviceId == device.Id && ids.Contains(r.MessageId))
            .Select(r => new { r.MessageId, r.IncidentId }).ToListAsync(ct);
        var known = stored.Select(s => s.MessageId).ToHashSet(StringComparer.Ordinal);
        var incidents = stored.Where(s => s.IncidentId is not null).Select(s => s.IncidentId!.Value).ToHashSet();
        var fresh = items.Where(i => !known.Contains(i.MessageId!)).OrderBy(i => i.At).ToList();
        var limits = fresh.Count > 0 ? await thresholds.ForElderAsync(device.ElderId, ct) : ThresholdSet.Default;
        foreach (var item in fresh)
        {
            var breaches = VitalThresholds.Check(Vitals(item), limits);
            var incidentId = (await alerts.RaiseAsync(new VitalAlert(device.ElderId, device.Id, DeviceSignals.Where(device), breaches, device.TownshipCode,
                device.CountyCode, caller.Actor), ct))?.Id;
            if (incidentId is { } opened) incidents.Add(opened);
            db.Add(new EmergencyReading
            {
                DeviceId = device.Id,
                ElderId = device.ElderId,
                MessageId = item.MessageId!,
                MeasuredAt = item.At!.Value,
                ReceivedAt = signals.Now,
                SystolicMmHg = item.Systolic,
                DiastolicMmHg = item.Diastolic,
                PulsePerMin = item.Pulse,
                TemperatureC = item.Temperature,
                GlucoseMmolL = item.Glucose,
                Spo2Percent = item.Spo2,
                WeightKg = item.Weight,
                IncidentId = incidentId,
                CountyCode = device.CountyCode,
            });
        }
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("retry", "同一批数据正在处理中，请稍后用相同的消息编号重试。"));
        if (fresh.Count > 0)
            await audit.RecordAsAsync(caller.Actor, null, DeviceAuthentication.Role, "emergency.readings.receive", "emergency-device",
                device.Id.ToString(CultureInfo.InvariantCulture), $"stored={fresh.Count}; replayed={known.Count}; incidents={string.Join(",", incidents.Order())}");
        await tx.CommitAsync(ct);
        return new ReadingsAccepted(fresh.Count, known.Count, [.. incidents.Order()]);
    }

    private static VitalsInput Vitals(ReadingItem r) => new(r.Systolic, r.Diastolic, r.Pulse, r.Temperature, r.Glucose, r.Spo2, r.Weight);

    /// <summary>The batch, once every item is valid (field names readings[i].x); nothing is stored otherwise.</summary>
    private static List<ReadingItem> Validate(ReadingsInput input, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (input.DeviceId is null) errors.Add("deviceId", "请提供设备编号 deviceId。");
        var list = input.Readings ?? [];
        if (list.Count is 0 or > MaxBatch) errors.Add("readings", $"每批应有 1–{MaxBatch} 条测量数据。");
        errors.ThrowIfAny();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var p = $"readings[{i}]";
            if (list[i] is not { } r)
            {
                errors.Add(p, "测量数据不能为空。");
                continue;
            }
            if (MessageIds.Check(r.MessageId, p + ".messageId", errors) is { } id && !seen.Add(id))
                errors.Add(p + ".messageId", "同一批中消息编号重复。");
            MessageIds.CheckAt(r.At, p + ".at", now, errors);
            var v = Vitals(r);
            if (v == new VitalsInput(null, null, null, null, null, null, null)) errors.Add(p, "请至少提供一项测量值。");
            var vitals = VisitRules.ValidateVitals(v).ToDictionary();
            foreach (var (field, messages) in vitals)
                foreach (var m in messages) errors.Add($"{p}.{field}", m);
        }
        errors.ThrowIfAny();
        return [.. list.Select(r => r! with { MessageId = r.MessageId!.Trim() })];
    }
}
