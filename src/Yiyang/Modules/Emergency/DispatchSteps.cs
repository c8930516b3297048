using System.Globalization;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>A task in a responder's inbox: the dispatch, its incident and elder, the steps the responder may take now.</summary>
public sealed record ResponderTaskDto(
    long Id, long IncidentId, string KindName, int Priority, string IncidentStatus, string IncidentStatusName, string ElderName, int ElderAge,
    string? AddressMasked, string Summary, string ResponderKindName, string? ResponderName, string? Note, string Status, string StatusName,
    DateTimeOffset DispatchedAt, string DispatchedBy, DateTimeOffset? AcceptedAt, DateTimeOffset? ArrivedAt, DateTimeOffset? DoneAt, string? Result,
    IReadOnlyList<string> Actions, int Version) : IVersioned;

public sealed record DispatchStepInput(string? Outcome, string? Note, int? Version);

/// <summary>
/// What the responder's steps share: the tasks of the user's organization only (another's: 404), the version (412/409),
/// the state (<see cref="DispatchRules.Refusal"/>: 409); the incident moves with the task (到达 → 已到场, 反馈 → 已处置),
/// both on the elder's timeline, saved and audited together.
/// </summary>
public sealed class DispatchSteps(YiyangDb db, TimeProvider clock, AuditTrail audit, CurrentUser user)
{
    public static NotFoundException NoTask() => new("未找到该任务，或您无权查看。");

    public IQueryable<EmergencyDispatch> Mine() => user.OrganizationId is { } org
        ? db.Set<EmergencyDispatch>().Where(d => d.ResponderOrganizationId == org)
        : db.Set<EmergencyDispatch>().Where(d => false);

    public async Task<(EmergencyDispatch Dispatch, EmergencyIncident Incident)> BeginAsync(long id, DispatchAction action, int? bodyVersion, int? ifMatch, CancellationToken ct)
    {
        user.Demand(EmergencyPolicies.Respond);
        var d = await Mine().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NoTask();
        if (ifMatch is not null || bodyVersion is not null) Etags.CheckVersion(d.Version, ifMatch, bodyVersion);
        if (DispatchRules.Refusal(d.Status, action) is { } refusal) throw new ConflictException("illegal-transition", refusal);
        var incident = await db.Set<EmergencyIncident>().FirstAsync(i => i.Id == d.IncidentId, ct);
        var now = clock.GetUtcNow();
        d.Status = DispatchRules.Next(action);
        switch (action)
        {
            case DispatchAction.Accept: (d.AcceptedAt, d.AcceptedBy) = (now, user.UserName); break;
            case DispatchAction.Arrive: (d.ArrivedAt, d.ArrivedBy) = (now, user.UserName); break;
            default: (d.DoneAt, d.DoneBy) = (now, user.UserName); break;
        }
        d.Version++;
        return (d, incident);
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    public IQueryable<EmergencyIncident> Incidents() => db.Set<EmergencyIncident>().AsNoTracking();

    public string Actor => user.UserName;

    public async Task<ResponderTaskDto> CommitAsync(EmergencyDispatch d, EmergencyIncident incident, DispatchAction action, string summary, CancellationToken ct)
    {
        db.TimelineEvents.Add(TimelineEvent.Create(incident.ElderId, clock.GetUtcNow(), "emergency.dispatch." + DispatchRules.ActionCode(action), EmergencyAccess.Module,
            summary, user.UserName));
        await db.SaveOrConflictAsync(ct, onConcurrency: () => new ConflictException("concurrency", "该任务或事件已被他人更新，请刷新后查看最新状态。"));
        await audit.RecordAsync("emergency.dispatch." + DispatchRules.ActionCode(action), "emergency-dispatch", d.Id.ToString(CultureInfo.InvariantCulture),
            incident.ElderId, $"incident={incident.Id}");
        return (await ToDtosAsync([d], ct)).Single();
    }

    public async Task<IReadOnlyList<ResponderTaskDto>> ToDtosAsync(IReadOnlyList<EmergencyDispatch> rows, CancellationToken ct)
    {
        var incidentIds = rows.Select(d => d.IncidentId).Distinct().ToList();
        var incidents = await db.Set<EmergencyIncident>().AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var elderIds = incidents.Values.Select(i => i.ElderId).Distinct().ToList();
        var elders = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var today = clock.ChinaToday();
        var responds = user.Can(EmergencyPolicies.Respond);
        return [.. rows.Select(d =>
        {
            var i = incidents[d.IncidentId];
            var e = elders[i.ElderId];
            var actions = responds ? Enum.GetValues<DispatchAction>().Where(a => DispatchRules.Refusal(d.Status, a) is null).Select(DispatchRules.ActionCode).ToList() : [];
            return new ResponderTaskDto(d.Id, i.Id, IncidentRules.KindName(i.Kind), i.Priority, IncidentRules.StatusCode(i.Status), IncidentRules.StatusName(i.Status),
                e.Name, e.AgeOn(today), e.AddressMasked, i.Summary, IncidentRules.ResponderName(d.ResponderKind), d.ResponderName, d.Note,
                DispatchRules.StatusCode(d.Status), DispatchRules.StatusName(d.Status), d.DispatchedAt, d.DispatchedBy, d.AcceptedAt, d.ArrivedAt, d.DoneAt,
                d.Result, actions, d.Version);
        })];
    }
}
