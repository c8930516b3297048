using System.Globalization;
using Microsoft.Extensions.Options;

using Yiyang.Platform.Hosting;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// The device-offline check: a bound device not seen since its <see cref="EmergencyDevice.OfflineAfter"/> gets a
/// low-priority "device offline" incident. Idempotent: none while one is open for the device, nor when one was already
/// opened after the device went silent this time (the operator resolved it, the device is still silent); the partial
/// unique index keeps two nodes running the check at once from opening two.
/// </summary>
public sealed class DeviceOfflineCheck(YiyangDb db, TimeProvider clock, AuditTrail audit, IncidentOpener opener) : IPeriodicCheck
{
    public const int MaxPerRun = 500;

    /// <summary>Opens the incidents due now; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var incidents = db.Set<EmergencyIncident>();
        var due = await db.Set<EmergencyDevice>().AsNoTracking()
            .Where(d => d.RevokedAt == null && d.OfflineAfter < now)
            .Where(d => !incidents.Any(i => i.DeviceId == d.Id && i.Kind == IncidentKind.DeviceOffline
                                            && (i.Status < IncidentStatus.Resolved || i.OpenedAt >= d.OfflineAfter)))
            .OrderBy(d => d.OfflineAfter).Take(MaxPerRun)
            .Select(d => new { Device = new SignallingDevice(d.Id, d.ElderId, d.Kind, d.InstalledAt, d.TownshipCode, d.CountyCode), d.LastSeenAt })
            .ToListAsync(ct);
        var opened = 0;
        foreach (var x in due)
        {
            var since = x.LastSeenAt is { } seen ? $"最后在线 {seen.ChinaText("yyyy-MM-dd HH:mm")}" : "绑定后从未上线";
            await using var tx = await db.BeginUseCaseTransactionAsync(ct);
            try
            {
                var incident = await opener.OpenAsync(new Signal(x.Device.ElderId, x.Device.Id, IncidentKind.DeviceOffline,
                    $"{DeviceSignals.Where(x.Device)}离线：{since}", x.Device.TownshipCode, x.Device.CountyCode, "system"), now, ct);
                await audit.RecordAsAsync("system", null, "", "emergency.device.offline", "emergency-incident",
                    incident.Id.ToString(CultureInfo.InvariantCulture), $"device={x.Device.Id}");
                await tx.CommitAsync(ct);
                opened++;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                await tx.RollbackAsync(ct); // another node opened it first
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return opened;
    }
}
