using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Emergency;

/// <summary>The device as the ingestion needs it, once its row is locked.</summary>
public sealed record SignallingDevice(long Id, long ElderId, DeviceKind Kind, string? InstalledAt, string TownshipCode, string CountyCode);

/// <summary>
/// What alarms, readings and heartbeats share: the device is marked seen (and its row locked until the transaction
/// ends, so that two messages of one device are handled one after the other: a replay race finds the first one's row,
/// and a second alarm in the window joins the first one's incident); a device revoked meanwhile is a 401.
/// </summary>
public sealed class DeviceSignals(YiyangDb db, TimeProvider clock, IOptions<EmergencyOptions> options)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<SignallingDevice> SeenAsync(DeviceCaller caller, int? battery, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var offlineAfter = DeviceRules.OfflineAfter(now, caller.HeartbeatSeconds, options.Value.OfflineGrace);
        var live = db.Set<EmergencyDevice>().Where(d => d.Id == caller.DeviceId && d.RevokedAt == null);
        var updated = battery is { } b
            ? await live.ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSeenAt, now).SetProperty(d => d.OfflineAfter, offlineAfter)
                .SetProperty(d => d.BatteryPercent, b), ct)
            : await live.ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSeenAt, now).SetProperty(d => d.OfflineAfter, offlineAfter), ct);
        if (updated == 0) throw DeviceRefusedException.Revoked();
        return await db.Set<EmergencyDevice>().AsNoTracking().Where(d => d.Id == caller.DeviceId)
            .Select(d => new SignallingDevice(d.Id, d.ElderId, d.Kind, d.InstalledAt, d.TownshipCode, d.CountyCode)).FirstAsync(ct);
    }

    /// <summary>The device-problem incident of a kind (offline, low battery), unless one is open for the device (one at most, a unique index).</summary>
    public async Task<EmergencyIncident?> DeviceProblemAsync(SignallingDevice d, IncidentKind kind, string summary, string actor, IncidentOpener opener,
        CancellationToken ct)
    {
        if (await db.Set<EmergencyIncident>().AnyAsync(i => i.DeviceId == d.Id && i.Kind == kind && i.Status < IncidentStatus.Resolved, ct)) return null;
        return await opener.OpenAsync(new Signal(d.ElderId, d.Id, kind, summary, d.TownshipCode, d.CountyCode, actor), clock.GetUtcNow(), ct);
    }

    public static string Where(SignallingDevice d) => DeviceRules.Name(d.Kind) + (d.InstalledAt is null ? "" : $"（{d.InstalledAt}）");
}
