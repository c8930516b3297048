using System.Globalization;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Hosting;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// The notifier (docs/domain/emergency.md#notifications): reads the incident events after its persisted cursor (and a few
/// before it, for ids committed out of order), queues the notices the incidents' states call for to the contacts their elders
/// configured — once each, by the unique (incident, contact, kind) —, then sends the notices due, oldest first. A notice is
/// claimed before it is sent, so two nodes never send it at once; a failed one is tried again with exponential backoff
/// until it is dead.
/// </summary>
public sealed class NotificationCheck(YiyangDb db, TimeProvider clock, PiiProtector pii, AuditTrail audit, IOptions<NotificationOptions> options,
    IEnumerable<INotificationChannel> channels) : IPeriodicCheck
{
    public const int MaxEventsPerRun = 1000;
    public const int MaxSendsPerRun = 200;

    /// <summary>How long a claimed notice is left to its sender before another round may take it again.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public async Task<int> RunAsync(CancellationToken ct) => await QueueAsync(ct) + await SendDueAsync(ct);

    /// <summary>Turns new events into queued notices; returns how many were queued.</summary>
    public async Task<int> QueueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var last = await CursorAsync(ct);
        var from = Math.Max(0, last - o.LookBackEvents);
        var events = await db.Set<EmergencyEvent>().AsNoTracking().Where(e => e.Id > from && e.IncidentId != null)
            .OrderBy(e => e.Id).Take(MaxEventsPerRun).Select(e => new { e.Id, IncidentId = e.IncidentId!.Value }).ToListAsync(ct);
        if (events.Count == 0) return 0;
        var ids = events.Select(e => e.IncidentId).Distinct().ToList();
        var settings = db.Set<EmergencyNotifySetting>();
        var incidents = await db.Set<EmergencyIncident>().AsNoTracking().Where(i => ids.Contains(i.Id) && settings.Any(s => s.ElderId == i.ElderId))
            .OrderBy(i => i.Id).Select(i => new { i.Id, i.ElderId, i.Kind, i.Status, Dispatched = i.DispatchedAt != null, i.CountyCode }).ToListAsync(ct);
        var elderIds = incidents.Select(i => i.ElderId).Distinct().ToList();
        var wanted = (await settings.AsNoTracking().Where(s => elderIds.Contains(s.ElderId)).OrderBy(s => s.ContactIndex).ToListAsync(ct))
            .ToLookup(s => s.ElderId);
        var queuedIds = incidents.Select(i => i.Id).ToList();
        var have = (await db.Set<EmergencyNotification>().AsNoTracking().Where(n => queuedIds.Contains(n.IncidentId))
            .Select(n => new { n.IncidentId, n.ContactIndex, n.Kind }).ToListAsync(ct)).Select(n => (n.IncidentId, n.ContactIndex, n.Kind)).ToHashSet();
        var now = clock.GetUtcNow();
        var queued = 0;
        foreach (var i in incidents)
        {
            var rows = NotificationRules.Due(i.Kind, i.Status, i.Dispatched)
                .SelectMany(k => wanted[i.ElderId].Where(s => s.Wants(k) && !have.Contains((i.Id, s.ContactIndex, k))).Select(s => new EmergencyNotification
                {
                    IncidentId = i.Id,
                    ElderId = i.ElderId,
                    ContactIndex = s.ContactIndex,
                    Kind = k,
                    Channel = o.Channel,
                    NextAttemptAt = now,
                    CreatedAt = now,
                    CountyCode = i.CountyCode,
                })).ToList();
            if (rows.Count == 0) continue;
            queued += await AddOnceAsync(rows, ct);
        }
        var max = events.Max(e => e.Id);
        await db.Set<EmergencyNotifyCursor>().Where(c => c.Id == 1 && c.LastEventId < max).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastEventId, max), ct);
        return queued;
    }

    /// <summary>Sends the notices due now, oldest first; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Set<EmergencyNotification>().AsNoTracking()
            .Where(n => (n.Status == NotificationStatus.Pending || n.Status == NotificationStatus.Failed) && n.NextAttemptAt <= now)
            .OrderBy(n => n.Id).Take(MaxSendsPerRun).ToListAsync(ct);
        var contacts = new Dictionary<long, (string Name, List<ContactInput> Contacts)>();
        var sent = 0;
        foreach (var n in due)
        {
            var claimed = await db.Set<EmergencyNotification>()
                .Where(x => x.Id == n.Id && x.Attempts == n.Attempts && x.Status == n.Status && x.NextAttemptAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextAttemptAt, now + Lease), ct);
            if (claimed == 0) continue; // another node has it
            if (!contacts.TryGetValue(n.ElderId, out var elder)) contacts[n.ElderId] = elder = await ElderContactsAsync(n.ElderId, ct);
            var phone = n.ContactIndex < elder.Contacts.Count ? elder.Contacts[n.ContactIndex].Phone?.Trim() : null;
            if (string.IsNullOrEmpty(phone))
            {
                await FinishAsync(n, NotificationStatus.Dead, now, "contact-missing", ct);
                continue;
            }
            var error = await TrySendAsync(n, new NotificationMessage(n.Id, n.IncidentId, NotificationRules.Code(n.Kind), phone,
                NotificationRules.Text(n.Kind, Masking.Name(elder.Name))), ct);
            if (error is null)
            {
                await FinishAsync(n, NotificationStatus.Sent, now, null, ct);
                sent++;
            }
            else
            {
                await FinishAsync(n, NotificationRules.AfterFailure(n.Attempts + 1, options.Value), now + NotificationRules.Backoff(n.Attempts + 1, options.Value), error, ct);
            }
        }
        return sent;
    }

    private async Task<string?> TrySendAsync(EmergencyNotification n, NotificationMessage m, CancellationToken ct)
    {
        var channel = channels.FirstOrDefault(c => c.Name == n.Channel);
        if (channel is null) return "channel-missing";
        try
        {
            await channel.SendAsync(m, ct);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return e.GetType().Name; // the type only: a message may quote the number
        }
    }

    private async Task FinishAsync(EmergencyNotification n, NotificationStatus status, DateTimeOffset next, string? error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? sentAt = status == NotificationStatus.Sent ? now : null;
        var attempts = n.Attempts + 1;
        var lastError = error is { Length: > 200 } ? error[..200] : error;
        await db.Set<EmergencyNotification>().Where(x => x.Id == n.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Status, status).SetProperty(x => x.Attempts, attempts).SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.SentAt, sentAt).SetProperty(x => x.LastError, lastError), ct);
        await audit.RecordAsAsync("system", null, "", "emergency.notification." + NotificationRules.StatusCode(status), "emergency-notification",
            n.Id.ToString(CultureInfo.InvariantCulture), $"incident={n.IncidentId}; kind={NotificationRules.Code(n.Kind)}; attempt={attempts}");
    }

    private async Task<(string Name, List<ContactInput> Contacts)> ElderContactsAsync(long elderId, CancellationToken ct)
    {
        var e = await db.Elders.AsNoTracking().Where(x => x.Id == elderId).Select(x => new { x.Name, x.ContactsCipher }).FirstOrDefaultAsync(ct);
        return e is null ? ("", []) : (e.Name, e.ContactsCipher is null ? [] : ElderRecord.ReadContacts(e.ContactsCipher, pii));
    }

    private async Task<int> AddOnceAsync(List<EmergencyNotification> rows, CancellationToken ct)
    {
        try
        {
            db.AddRange(rows);
            await db.SaveChangesAsync(ct);
            return rows.Count;
        }
        catch (DbUpdateException x) when (DbErrors.IsUniqueViolation(x))
        {
            return 0; // another node queued them first
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<long> CursorAsync(CancellationToken ct)
    {
        var c = await db.Set<EmergencyNotifyCursor>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == 1, ct);
        if (c is not null) return c.LastEventId;
        try
        {
            db.Add(new EmergencyNotifyCursor { Id = 1, LastEventId = 0 });
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException x) when (DbErrors.IsUniqueViolation(x))
        {
            // another node created it
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return 0;
    }
}
