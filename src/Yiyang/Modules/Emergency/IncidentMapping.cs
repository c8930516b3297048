using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>Incidents as the API and pages show them: the elder (name masked outside the user's scope), the steps taken, the steps the user may take now.</summary>
public sealed class IncidentMapping(YiyangDb db, CurrentUser user, TimeProvider clock)
{
    public async Task<IReadOnlyList<IncidentDto>> ToDtosAsync(IReadOnlyList<EmergencyIncident> rows, bool withDispatches, CancellationToken ct)
    {
        var elderIds = rows.Select(i => i.ElderId).Distinct().ToList();
        var elders = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var deviceIds = rows.Where(i => i.DeviceId is not null).Select(i => i.DeviceId!.Value).Distinct().ToList();
        var devices = await db.Set<EmergencyDevice>().AsNoTracking().Where(d => deviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var ids = rows.Select(i => i.Id).ToList();
        var dispatches = withDispatches
            ? (await db.Set<EmergencyDispatch>().AsNoTracking().Where(d => ids.Contains(d.IncidentId)).OrderBy(d => d.Id).ToListAsync(ct)).ToLookup(d => d.IncidentId)
            : Enumerable.Empty<EmergencyDispatch>().ToLookup(d => d.IncidentId);
        var escalations = await EscalationsAsync(rows, ct);
        var today = clock.ChinaToday();
        var handles = user.Can(EmergencyPolicies.HandleIncidents);
        return rows.Select(i =>
        {
            var e = elders[i.ElderId];
            var d = i.DeviceId is { } did ? devices.GetValueOrDefault(did) : null;
            var actions = handles
                ? Enum.GetValues<IncidentAction>().Where(a => IncidentRules.Refusal(i.Status, a) is null).Select(IncidentRules.ActionCode).ToList()
                : [];
            return new IncidentDto(i.Id, i.ElderId, ElderScope.Allows(user, e) ? e.Name : Masking.Name(e.Name), e.AgeOn(today), i.TownshipCode,
                IncidentRules.KindCode(i.Kind), IncidentRules.KindName(i.Kind), i.Priority, IncidentRules.StatusCode(i.Status), IncidentRules.StatusName(i.Status),
                i.Summary, i.DeviceId, d is null ? null : DeviceRules.Name(d.Kind), d?.InstalledAt, i.SignalCount, i.OpenedAt, i.LastSignalAt,
                IncidentRules.AnswerSeconds(i.OpenedAt, i.AcknowledgedAt), Steps(i), i.Outcome is { } o ? IncidentRules.OutcomeCode(o) : null,
                i.Outcome is { } o2 ? IncidentRules.OutcomeName(o2) : null, i.OutcomeNote,
                [.. dispatches[i.Id].Select(DispatchRules.ToDto)],
                actions, i.Version, escalations.GetValueOrDefault(i.Id).Level, escalations.GetValueOrDefault(i.Id).Text, i.SourceName, i.SourceLink);
        }).ToList();
    }

    /// <summary>
    /// The escalation in force per incident: not acknowledged (its highest level, while the incident is still 新事件), else a
    /// task still 待接单 past its limit (level 1).
    /// </summary>
    private async Task<Dictionary<long, (int? Level, string? Text)>> EscalationsAsync(IReadOnlyList<EmergencyIncident> rows, CancellationToken ct)
    {
        var ids = rows.Where(i => i.Status < IncidentStatus.Resolved).Select(i => i.Id).ToList();
        var found = await db.Set<EmergencyEscalation>().AsNoTracking().Where(e => ids.Contains(e.IncidentId))
            .Select(e => new { e.IncidentId, e.Kind, e.Level, e.DispatchId }).ToListAsync(ct);
        var lateIds = found.Where(e => e.DispatchId is not null).Select(e => e.DispatchId!.Value).ToList();
        var stillSent = await db.Set<EmergencyDispatch>().AsNoTracking().Where(d => lateIds.Contains(d.Id) && d.Status == DispatchStatus.Sent)
            .Select(d => d.Id).ToListAsync(ct);
        var result = new Dictionary<long, (int?, string?)>();
        foreach (var i in rows)
        {
            var mine = found.Where(e => e.IncidentId == i.Id).ToList();
            var notAck = i.Status == IncidentStatus.New ? mine.Where(e => e.Kind == EscalationKind.NotAcknowledged).Select(e => e.Level).DefaultIfEmpty(0).Max() : 0;
            if (notAck > 0) result[i.Id] = (notAck, EscalationRules.Describe(EscalationKind.NotAcknowledged, notAck));
            else if (mine.Any(e => e.DispatchId is { } d && stillSent.Contains(d)))
                result[i.Id] = (1, EscalationRules.Describe(EscalationKind.DispatchNotAccepted, 1));
        }
        return result;
    }

    private static List<StepDto> Steps(EmergencyIncident i)
    {
        var steps = new List<StepDto>();
        void Add(IncidentStatus s, DateTimeOffset? at, string? by)
        {
            if (at is { } t && by is not null) steps.Add(new StepDto(IncidentRules.StatusCode(s), IncidentRules.StatusName(s), t, by));
        }
        Add(IncidentStatus.Acknowledged, i.AcknowledgedAt, i.AcknowledgedBy);
        Add(IncidentStatus.Dispatched, i.DispatchedAt, i.DispatchedBy);
        Add(IncidentStatus.OnScene, i.OnSceneAt, i.OnSceneBy);
        Add(IncidentStatus.Resolved, i.ResolvedAt, i.ResolvedBy);
        Add(IncidentStatus.Closed, i.ClosedAt, i.ClosedBy);
        return steps;
    }
}
