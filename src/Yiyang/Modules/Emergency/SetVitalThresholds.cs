using System.Globalization;

namespace Yiyang.Modules.Emergency;

public sealed record ThresholdsInput(int? SystolicHigh, int? SystolicLow, int? DiastolicHigh, int? Spo2Low, decimal? TemperatureHigh, decimal? GlucoseHigh,
    decimal? GlucoseLow, int? PulseHigh, int? PulseLow, int? Version);

/// <summary>
/// 设置体征预警阈值: the responsible doctor sets an elder's own thresholds (a value left out keeps its default); they apply
/// to the readings received from then on. Changing existing thresholds takes the version read.
/// </summary>
public sealed class SetVitalThresholds(YiyangDb db, TimeProvider clock, AuditTrail audit, EmergencyAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/vital-thresholds/{elderId:long}", async Task<Ok<ThresholdsDto>> (long elderId, ThresholdsInput input, IfMatch ifMatch,
                SetVitalThresholds handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(elderId, input, ifMatch.Version, ct)))
            .RequireAuthorization(EmergencyPolicies.SetThresholds)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("责任医生设置老年人的体征预警阈值（未填的项取默认值；各值须在合理范围内，下限低于上限）");

    public async Task<ThresholdsDto> HandleAsync(long elderId, ThresholdsInput input, int? ifMatch, CancellationToken ct)
    {
        access.User.Demand(EmergencyPolicies.SetThresholds);
        var d = ThresholdSet.Default;
        var set = new ThresholdSet(input.SystolicHigh ?? d.SystolicHigh, input.SystolicLow ?? d.SystolicLow, input.DiastolicHigh ?? d.DiastolicHigh,
            input.Spo2Low ?? d.Spo2Low, input.TemperatureHigh ?? d.TemperatureHigh, input.GlucoseHigh ?? d.GlucoseHigh, input.GlucoseLow ?? d.GlucoseLow,
            input.PulseHigh ?? d.PulseHigh, input.PulseLow ?? d.PulseLow);
        VitalThresholds.Validate(set).ThrowIfAny();
        var elder = await access.WritableElderAsync(elderId, ct);
        var row = await db.Set<EmergencyThreshold>().FirstOrDefaultAsync(t => t.ElderId == elder.Id, ct);
        if (row is null)
        {
            row = new EmergencyThreshold { ElderId = elder.Id, SetBy = access.Actor, CountyCode = elder.CountyCode };
            db.Add(row);
        }
        else
        {
            Etags.CheckVersion(row.Version, ifMatch, input.Version);
            row.Version++;
        }
        (row.SystolicHigh, row.SystolicLow, row.DiastolicHigh, row.Spo2Low, row.TemperatureHigh, row.GlucoseHigh, row.GlucoseLow, row.PulseHigh, row.PulseLow) =
            (set.SystolicHigh, set.SystolicLow, set.DiastolicHigh, set.Spo2Low, set.TemperatureHigh, set.GlucoseHigh, set.GlucoseLow, set.PulseHigh, set.PulseLow);
        row.SetBy = access.Actor;
        row.SetAt = clock.GetUtcNow();
        db.TimelineEvents.Add(Elders.TimelineEvent.Create(elder.Id, row.SetAt, "emergency.thresholds.set", EmergencyAccess.Module,
            $"设置体征预警阈值：收缩压 ≥{set.SystolicHigh} 或 <{set.SystolicLow}，舒张压 ≥{set.DiastolicHigh}，血氧 <{set.Spo2Low}%", access.Actor));
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("concurrency", "阈值刚被他人设置，请刷新后再试。"));
        await audit.RecordAsync("emergency.thresholds.set", "emergency-threshold", elder.Id.ToString(CultureInfo.InvariantCulture), elder.Id);
        return ThresholdsDto.From(elder.Id, row);
    }
}
