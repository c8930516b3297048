using System.Globalization;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>An incident step under way: the tracked incident (already in its next status), the instant, the person and the note.</summary>
public sealed record IncidentTransition(EmergencyIncident Incident, IncidentAction Action, DateTimeOffset Now, string By, string? Note);

/// <summary>
/// What the steps 受理 / 派单 / 到场 / 处置 / 关闭 share: load within scope (else 404), check the If-Match version (412)
/// and the state machine (<see cref="IncidentRules.Refusal"/>: 409), stamp time and person; after the use case has set
/// its fields, the step goes on the elder's timeline, is saved (a lost race is a 409) and audited.
/// </summary>
public sealed class IncidentTransitions(YiyangDb db, TimeProvider clock, AuditTrail audit, EmergencyAccess access, GetIncident reader)
{
    public async Task<IncidentTransition> BeginAsync(long id, IncidentAction action, string? note, int? bodyVersion, int? ifMatch, CancellationToken ct)
    {
        access.User.Demand(EmergencyPolicies.HandleIncidents);
        var i = await access.Incidents().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw EmergencyAccess.NoIncident();
        if (ifMatch is not null || bodyVersion is not null) Etags.CheckVersion(i.Version, ifMatch, bodyVersion);
        if (IncidentRules.Refusal(i.Status, action) is { } refusal) throw new ConflictException("illegal-transition", refusal);
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > 500 }) throw ValidationFailedException.For("note", "备注最多 500 个字。");
        var now = clock.GetUtcNow();
        var by = access.Actor;
        i.Status = IncidentRules.Next(action);
        switch (action)
        {
            case IncidentAction.Acknowledge: (i.AcknowledgedAt, i.AcknowledgedBy) = (now, by); break;
            case IncidentAction.Dispatch: (i.DispatchedAt, i.DispatchedBy) = (i.DispatchedAt ?? now, i.DispatchedBy ?? by); break;
            case IncidentAction.ArriveOnScene: (i.OnSceneAt, i.OnSceneBy) = (now, by); break;
            case IncidentAction.Resolve: (i.ResolvedAt, i.ResolvedBy) = (now, by); break;
            default: (i.ClosedAt, i.ClosedBy) = (now, by); break;
        }
        i.UpdatedAt = now;
        i.Version++;
        return new IncidentTransition(i, action, now, by, text);
    }

    /// <summary>Timeline, save, audit; answers with the incident as it now stands.</summary>
    public async Task<IncidentDto> CommitAsync(IncidentTransition t, string summary, CancellationToken ct)
    {
        var i = t.Incident;
        db.TimelineEvents.Add(TimelineEvent.Create(i.ElderId, t.Now, "emergency.incident." + IncidentRules.StatusCode(i.Status), EmergencyAccess.Module,
            summary + (t.Note is null ? "" : "；" + t.Note), t.By));
        await db.SaveOrConflictAsync(ct, onConcurrency: () => new ConflictException("concurrency", "该事件已被其他坐席处理，请刷新后查看最新状态。"));
        await audit.RecordAsync("emergency.incident." + IncidentRules.ActionCode(t.Action), "emergency-incident", i.Id.ToString(CultureInfo.InvariantCulture), i.ElderId,
            t.Note is null ? null : "note");
        return await reader.HandleAsync(i.Id, ct, audited: false);
    }
}
