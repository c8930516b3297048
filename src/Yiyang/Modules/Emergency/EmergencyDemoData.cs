using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// Demo emergency centre: four devices bound to 金华 elders (an SOS wristband, a fall detector, a smoke detector, a
/// blood-pressure meter), an SOS alarm waiting for the call operator, an abnormal blood pressure already acknowledged,
/// and a fall of last week resolved by the family doctor. The devices' secrets are not kept (a demo device is registered
/// anew to send alarms). Called by the demo seeder inside its transaction, after the elders exist.
/// </summary>
public static class EmergencyDemoData
{
    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        if (!orgIds.TryGetValue("jinhua", out var orgId)) return;
        var elders = await db.Elders.AsNoTracking().Where(e => e.ResponsibleOrganizationId == orgId).OrderBy(e => e.Id).Take(4).ToListAsync(ct);
        if (elders.Count < 4) return;
        var kinds = new[] { (DeviceKind.SosButton, "随身佩戴"), (DeviceKind.FallDetector, "卫生间"), (DeviceKind.SmokeDetector, "厨房"), (DeviceKind.BloodPressureMeter, "卧室") };
        var devices = new List<EmergencyDevice>();
        for (var i = 0; i < kinds.Length; i++)
        {
            var (kind, place) = kinds[i];
            var e = elders[i];
            var bound = now.AddDays(-30);
            devices.Add(new EmergencyDevice
            {
                ElderId = e.Id,
                Kind = kind,
                Serial = $"DEMO-{DeviceRules.Code(kind).ToUpperInvariant()}-{i + 1:000}",
                InstalledAt = place,
                HeartbeatSeconds = DeviceRules.DefaultHeartbeatSeconds(kind),
                SecretHash = DeviceSecrets.Hash(DeviceSecrets.New()),
                BoundFrom = bound,
                LastSeenAt = now.AddMinutes(-5),
                OfflineAfter = DeviceRules.OfflineAfter(now.AddMinutes(-5), DeviceRules.DefaultHeartbeatSeconds(kind), TimeSpan.FromMinutes(1)),
                BatteryPercent = 80,
                TownshipCode = e.TownshipCode,
                CountyCode = e.CountyCode,
                CreatedBy = "demo-seed",
                CreatedAt = bound,
                UpdatedAt = bound,
            });
        }
        db.AddRange(devices);
        await db.SaveChangesAsync(ct);

        var sos = Incident(devices[0], elders[0], IncidentKind.Sos, "一键呼叫（按钮/手环）（随身佩戴）报警：紧急呼叫", now.AddMinutes(-2));
        var bp = Incident(devices[3], elders[3], IncidentKind.Vitals, "血压计（卧室）测得收缩压 186 mmHg（≥ 180）", now.AddMinutes(-25));
        (bp.Status, bp.AcknowledgedAt, bp.AcknowledgedBy) = (IncidentStatus.Acknowledged, now.AddMinutes(-24), "operator");
        var fall = Incident(devices[1], elders[1], IncidentKind.Fall, "跌倒监测器（卫生间）报警：跌倒", now.AddDays(-6));
        (fall.Status, fall.AcknowledgedAt, fall.AcknowledgedBy, fall.DispatchedAt, fall.DispatchedBy) =
            (IncidentStatus.Resolved, fall.OpenedAt.AddSeconds(40), "operator", fall.OpenedAt.AddMinutes(3), "operator");
        (fall.OnSceneAt, fall.OnSceneBy, fall.ResolvedAt, fall.ResolvedBy, fall.Outcome, fall.OutcomeNote) =
            (fall.OpenedAt.AddMinutes(25), "operator", fall.OpenedAt.AddMinutes(50), "operator", IncidentOutcome.FamilyDoctorVisit, "家庭医生上门查看，无骨折");
        db.AddRange(sos, bp, fall);
        await db.SaveChangesAsync(ct);
        db.Add(new EmergencyDispatch
        {
            IncidentId = fall.Id,
            ResponderKind = ResponderKind.FamilyDoctorTeam,
            ResponderName = "金华社区家庭医生团队",
            Status = DispatchStatus.HandedOff,
            DispatchedAt = fall.DispatchedAt!.Value,
            DispatchedBy = "operator",
            CountyCode = fall.CountyCode,
        });
        var alarms = new[] { (sos, devices[0], "demo-sos-1"), (fall, devices[1], "demo-fall-1") };
        foreach (var (incident, device, message) in alarms)
            db.Add(new EmergencyAlarm
            {
                DeviceId = device.Id,
                MessageId = message,
                Kind = incident.Kind,
                At = incident.OpenedAt,
                ReceivedAt = incident.OpenedAt,
                IncidentId = incident.Id,
                ElderId = incident.ElderId,
                CountyCode = incident.CountyCode,
            });
        db.Add(new EmergencyReading
        {
            DeviceId = devices[3].Id,
            ElderId = elders[3].Id,
            MessageId = "demo-bp-1",
            MeasuredAt = bp.OpenedAt,
            ReceivedAt = bp.OpenedAt,
            SystolicMmHg = 186,
            DiastolicMmHg = 102,
            PulsePerMin = 88,
            IncidentId = bp.Id,
            CountyCode = bp.CountyCode,
        });
        await db.SaveChangesAsync(ct);
    }

    private static EmergencyIncident Incident(EmergencyDevice d, Elder e, IncidentKind kind, string summary, DateTimeOffset at) => new()
    {
        ElderId = e.Id,
        DeviceId = d.Id,
        Kind = kind,
        Priority = IncidentRules.Priority(kind),
        Status = IncidentStatus.New,
        Summary = summary,
        SignalCount = 1,
        OpenedAt = at,
        LastSignalAt = at,
        TownshipCode = e.TownshipCode,
        CountyCode = e.CountyCode,
        UpdatedAt = at,
    };
}
