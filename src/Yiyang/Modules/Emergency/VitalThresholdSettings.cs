namespace Yiyang.Modules.Emergency;

public sealed record ThresholdsDto(long ElderId, bool Custom, int SystolicHigh, int SystolicLow, int DiastolicHigh, int Spo2Low, decimal TemperatureHigh,
    decimal GlucoseHigh, decimal GlucoseLow, int PulseHigh, int PulseLow, string? SetBy, DateTimeOffset? SetAt, int Version) : IVersioned
{
    public static ThresholdsDto From(long elderId, EmergencyThreshold? row)
    {
        var t = row?.ToSet() ?? ThresholdSet.Default;
        return new(elderId, row is not null, t.SystolicHigh, t.SystolicLow, t.DiastolicHigh, t.Spo2Low, t.TemperatureHigh, t.GlucoseHigh, t.GlucoseLow,
            t.PulseHigh, t.PulseLow, row?.SetBy, row?.SetAt, row?.Version ?? 0);
    }
}

/// <summary>The thresholds that apply to an elder's readings: their own when the doctor set them, else the defaults.</summary>
public sealed class VitalThresholdSettings(YiyangDb db)
{
    public async Task<ThresholdSet> ForElderAsync(long elderId, CancellationToken ct) =>
        (await db.Set<EmergencyThreshold>().AsNoTracking().FirstOrDefaultAsync(t => t.ElderId == elderId, ct))?.ToSet() ?? ThresholdSet.Default;
}
