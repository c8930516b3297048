using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>A signal that may open an incident: an alarm, an abnormal reading, a device problem.</summary>
/// <remarks><paramref name="SourceName"/> and <paramref name="SourceLink"/>: where a signal not from a device came from (上门服务体征) and its page.</remarks>
public sealed record Signal(long ElderId, long? DeviceId, IncidentKind Kind, string Summary, string TownshipCode, string CountyCode, string Actor,
    string? SourceName = null, string? SourceLink = null);

/// <summary>
/// Opens an incident for a signal, or joins the open one of the same source within the dedupe window
/// (<see cref="IncidentRules.Joins"/>): alarms join by device, abnormal vitals by elder. A joining signal of a higher
/// priority raises the incident to it. Runs inside the caller's transaction, which serializes the device's signals.
/// </summary>
public sealed class IncidentOpener(YiyangDb db, TimeProvider clock, IOptions<EmergencyOptions> options)
{
    public async Task<EmergencyIncident> OpenOrJoinAsync(Signal s, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var priority = IncidentRules.Priority(s.Kind);
        var q = db.Set<EmergencyIncident>().Where(i => i.Status < IncidentStatus.Resolved);
        q = s.Kind == IncidentKind.Vitals ? q.Where(i => i.ElderId == s.ElderId && i.Kind == IncidentKind.Vitals) : q.Where(i => i.DeviceId == s.DeviceId);
        var open = await q.OrderByDescending(i => i.LastSignalAt).FirstOrDefaultAsync(ct);
        if (open is not null && IncidentRules.Joins(open.Status, open.Priority, open.LastSignalAt, priority, now, options.Value.DedupeWindow))
        {
            open.SignalCount++;
            open.LastSignalAt = now;
            if (priority < open.Priority)
            {
                open.Priority = priority;
                open.Kind = s.Kind;
                open.Summary = s.Summary;
            }
            open.UpdatedAt = now;
            open.Version++;
            await db.SaveChangesAsync(ct);
            return open;
        }
        return await OpenAsync(s, now, ct);
    }

    /// <summary>A new incident (status 新事件), on the elder's timeline; saved, so that its id is known. A call sets the priority of its triage.</summary>
    public async Task<EmergencyIncident> OpenAsync(Signal s, DateTimeOffset now, CancellationToken ct, int? priority = null)
    {
        var incident = new EmergencyIncident
        {
            ElderId = s.ElderId,
            DeviceId = s.DeviceId,
            Kind = s.Kind,
            Priority = priority ?? IncidentRules.Priority(s.Kind),
            Status = IncidentStatus.New,
            Summary = s.Summary.Length > 200 ? s.Summary[..199] + "…" : s.Summary,
            SourceName = s.SourceName,
            SourceLink = s.SourceLink,
            SignalCount = 1,
            OpenedAt = now,
            LastSignalAt = now,
            TownshipCode = s.TownshipCode,
            CountyCode = s.CountyCode,
            UpdatedAt = now,
        };
        db.Add(incident);
        db.TimelineEvents.Add(TimelineEvent.Create(s.ElderId, now, "emergency.incident.opened", EmergencyAccess.Module,
            $"{IncidentRules.KindName(s.Kind)}：{s.Summary}", s.Actor));
        await db.SaveChangesAsync(ct);
        return incident;
    }
}
