namespace Yiyang.Modules.Emergency;

/// <summary>Values beyond an elder's thresholds, where they were measured (a device, a home visit) and by whom.</summary>
public sealed record VitalAlert(long ElderId, long? DeviceId, string Where, IReadOnlyList<VitalThresholds.Breach> Breaches, string TownshipCode,
    string CountyCode, string Actor, string? SourceName = null, string? SourceLink = null);

/// <summary>
/// The one path by which abnormal vitals reach the call centre (docs/domain/emergency.md#vital-sign-alert-thresholds):
/// device readings and vitals recorded at home visits or sickbed rounds open the elder's vitals incident, or join the
/// open one within the dedupe window (<see cref="IncidentOpener"/>). Runs inside the caller's transaction.
/// </summary>
public sealed class VitalAlerts(IncidentOpener opener)
{
    /// <summary>The incident the breaches opened or joined; null when there is no breach.</summary>
    public async Task<EmergencyIncident?> RaiseAsync(VitalAlert a, CancellationToken ct)
    {
        if (a.Breaches.Count == 0) return null;
        var summary = a.Where + "测得" + string.Join("，", a.Breaches.Select(b => b.Text));
        return await opener.OpenOrJoinAsync(new Signal(a.ElderId, a.DeviceId, IncidentKind.Vitals, summary, a.TownshipCode, a.CountyCode, a.Actor,
            a.SourceName, a.SourceLink), ct);
    }
}
