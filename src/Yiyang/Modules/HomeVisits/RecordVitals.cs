using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.HomeVisits;

/// <summary>
/// Records (replaces) the visit's vitals; an implausible value is a 400 naming the field, and nothing is stored. A value
/// beyond the elder's alert thresholds is marked on the visit and, the first time, tells the responsible doctor and the
/// call centre (<see cref="VisitVitalAlerts"/>).
/// </summary>
public sealed class RecordVitals(HomeVisitAccess access, GetVisit getVisit, VisitVitalAlerts alerts, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/{id:long}/vitals", async Task<Ok<VisitDto>> (long id, VitalsInput input, RecordVitals handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ct)))
            .RequireAuthorization(FamilyDoctorPolicies.Write)
            .ProducesProblems(400, 404, 409)
            .WithSummary("体征（超出预警阈值的标记在记录上，首次超出时通知责任医生并生成体征异常应急事件）：收缩压 60–260、舒张压 30–160 mmHg（低于收缩压）、脉搏 30–220 次/分、体温 34.0–43.0 ℃、血糖 1.0–35.0 mmol/L、血氧 50–100 %、体重 20–200 kg");

    public async Task<VisitDto> HandleAsync(long id, VitalsInput input, CancellationToken ct)
    {
        VisitRules.ValidateVitals(input).ThrowIfAny();
        var visit = await access.LoadForWriteAsync(id, ct);
        HomeVisitAccess.RequireCheckedIn(visit);
        var vital = visit.Vital ??= new HomeVisitVital { VisitId = visit.Id, CountyCode = visit.CountyCode };
        vital.SystolicMmHg = input.Systolic;
        vital.DiastolicMmHg = input.Diastolic;
        vital.PulsePerMin = input.Pulse;
        vital.TemperatureC = input.Temperature;
        vital.GlucoseMmolL = input.Glucose;
        vital.Spo2Percent = input.Spo2;
        vital.WeightKg = input.Weight;
        vital.RecordedAt = clock.GetUtcNow();
        access.Touch(visit);
        await alerts.ApplyAsync(visit, input, ct);
        await audit.RecordAsync("homecare.visit.vitals", "home-visit", visit.Id.ToString(), visit.ElderId);
        return await getVisit.HandleAsync(id, ct);
    }
}
