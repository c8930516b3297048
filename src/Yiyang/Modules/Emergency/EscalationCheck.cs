using System.Globalization;
using Microsoft.Extensions.Options;

using Yiyang.Platform.Hosting;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// The escalation check (docs/domain/emergency.md#escalation): an incident still 新事件 past its priority's limit gets
/// level 1 (highlighted in every operator's queue: a second operator takes it), past <see cref="EmergencyOptions.SupervisorMultiple"/>
/// times the limit level 2 (the shift supervisor); a task still 待接单 past <see cref="EmergencyOptions.DispatchAcceptSeconds"/>
/// goes back to the operators with an alert. Each escalation is a row, written once: the partial unique indexes make a
/// second node's attempt a no-op, so the check is idempotent and safe on several nodes.
/// </summary>
public sealed class EscalationCheck(YiyangDb db, TimeProvider clock, AuditTrail audit, IOptions<EmergencyOptions> options) : IPeriodicCheck
{
    public const int MaxPerRun = 500;

    /// <summary>Records the escalations due now; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var due = new List<EmergencyEscalation>();
        due.AddRange(await UnacknowledgedAsync(ct));
        due.AddRange(await UnacceptedAsync(ct));
        var recorded = 0;
        foreach (var e in due)
        {
            await using var tx = await db.BeginUseCaseTransactionAsync(ct);
            try
            {
                db.Add(e);
                await db.SaveChangesAsync(ct);
                await audit.RecordAsAsync("system", null, "", "emergency.incident.escalate", "emergency-incident", e.IncidentId.ToString(CultureInfo.InvariantCulture),
                    $"kind={(e.Kind == EscalationKind.NotAcknowledged ? "not-acknowledged" : "dispatch-not-accepted")}; level={e.Level}"
                    + (e.DispatchId is { } d ? $"; dispatch={d}" : ""));
                await tx.CommitAsync(ct);
                recorded++;
            }
            catch (DbUpdateException x) when (DbErrors.IsUniqueViolation(x))
            {
                await tx.RollbackAsync(ct); // another node recorded it first
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return recorded;
    }

    private async Task<List<EmergencyEscalation>> UnacknowledgedAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var shortest = new[] { 1, 2, 3 }.Min(p => EscalationRules.AcknowledgeLimit(p, o));
        var cutoff = now - shortest;
        var escalations = db.Set<EmergencyEscalation>();
        var waiting = await db.Set<EmergencyIncident>().AsNoTracking()
            .Where(i => i.Status == IncidentStatus.New && i.OpenedAt <= cutoff)
            .Where(i => !escalations.Any(e => e.IncidentId == i.Id && e.Kind == EscalationKind.NotAcknowledged && e.Level == 2))
            .OrderBy(i => i.OpenedAt).Take(MaxPerRun)
            .Select(i => new { i.Id, i.Priority, i.OpenedAt, i.CountyCode }).ToListAsync(ct);
        var ids = waiting.Select(i => i.Id).ToList();
        var have = (await escalations.AsNoTracking().Where(e => ids.Contains(e.IncidentId) && e.Kind == EscalationKind.NotAcknowledged)
            .Select(e => new { e.IncidentId, e.Level }).ToListAsync(ct)).Select(e => (e.IncidentId, e.Level)).ToHashSet();
        var due = new List<EmergencyEscalation>();
        foreach (var i in waiting)
        {
            var limit = EscalationRules.AcknowledgeLimit(i.Priority, o);
            var level = EscalationRules.LevelDue(now - i.OpenedAt, limit, o.SupervisorMultiple);
            for (var l = 1; l <= level; l++)
            {
                if (have.Contains((i.Id, l))) continue;
                due.Add(new EmergencyEscalation
                {
                    IncidentId = i.Id,
                    Kind = EscalationKind.NotAcknowledged,
                    Level = l,
                    At = now,
                    LimitSeconds = (int)Math.Ceiling((l == 2 ? limit * o.SupervisorMultiple : limit).TotalSeconds),
                    CountyCode = i.CountyCode,
                });
            }
        }
        return due;
    }

    private async Task<List<EmergencyEscalation>> UnacceptedAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var cutoff = now - TimeSpan.FromSeconds(o.DispatchAcceptSeconds);
        var escalations = db.Set<EmergencyEscalation>();
        var late = await db.Set<EmergencyDispatch>().AsNoTracking()
            .Where(d => d.Status == DispatchStatus.Sent && d.DispatchedAt <= cutoff)
            .Where(d => !escalations.Any(e => e.DispatchId == d.Id && e.Kind == EscalationKind.DispatchNotAccepted))
            .OrderBy(d => d.DispatchedAt).Take(MaxPerRun)
            .Select(d => new { d.Id, d.IncidentId, d.CountyCode }).ToListAsync(ct);
        return [.. late.Select(d => new EmergencyEscalation
        {
            IncidentId = d.IncidentId,
            DispatchId = d.Id,
            Kind = EscalationKind.DispatchNotAccepted,
            Level = 1,
            At = now,
            LimitSeconds = o.DispatchAcceptSeconds,
            CountyCode = d.CountyCode,
        })];
    }
}
