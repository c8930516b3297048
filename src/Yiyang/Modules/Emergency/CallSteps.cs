using System.Globalization;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// What the call use cases share: calls visible to the user (<see cref="CallRules.Sees"/>, else 404), the version check
/// (If-Match or <c>version</c>: 412/409), the step's state check (409), and save + audit + the call as it now stands.
/// </summary>
public sealed class CallSteps(YiyangDb db, TimeProvider clock, AuditTrail audit, EmergencyAccess access, CallerDirectory directory)
{
    public static NotFoundException NoCall() => new("未找到该来电，或您无权查看。");

    public CurrentUser User => access.User;

    /// <summary>The calls of the user's region (a line of a wider region included): the prefixes of the user's region and every code below it.</summary>
    public IQueryable<EmergencyCall> Calls()
    {
        var region = access.User.RegionCode;
        if (string.IsNullOrEmpty(region)) return db.Set<EmergencyCall>().Where(c => false);
        var above = Enumerable.Range(0, region.Length + 1).Select(n => region[..n]).ToList();
        return db.Set<EmergencyCall>().Where(c => c.RegionCode.StartsWith(region) || above.Contains(c.RegionCode));
    }

    /// <summary>The call, tracked, ready for a step: handler permission, scope, version, status.</summary>
    public async Task<EmergencyCall> BeginAsync(long id, int? bodyVersion, int? ifMatch, CancellationToken ct, params CallStatus[] from)
    {
        access.User.Demand(EmergencyPolicies.HandleIncidents);
        var c = await Calls().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NoCall();
        if (ifMatch is not null || bodyVersion is not null) Etags.CheckVersion(c.Version, ifMatch, bodyVersion);
        if (!from.Contains(c.Status))
            throw new ConflictException("illegal-transition", $"该来电当前状态为“{CallRules.StatusName(c.Status)}”，不能进行此操作。");
        return c;
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    public string Actor => access.Actor;

    public async Task<CallDto> CommitAsync(EmergencyCall c, string action, string? detail, CancellationToken ct)
    {
        c.UpdatedAt = clock.GetUtcNow();
        c.Version++;
        await db.SaveOrConflictAsync(ct, onConcurrency: () => new ConflictException("concurrency", "该来电已被其他坐席处理，请刷新后查看最新状态。"));
        await audit.RecordAsync("emergency.call." + action, "emergency-call", c.Id.ToString(CultureInfo.InvariantCulture), c.ElderId, detail);
        return await ToDtoAsync(c, ct);
    }

    /// <summary>The call as shown: the matched elder, the candidates while the call is open, the triage with its questions.</summary>
    public async Task<CallDto> ToDtoAsync(EmergencyCall c, CancellationToken ct)
    {
        var today = clock.ChinaToday();
        var elder = c.ElderId is { } eid ? await db.Elders.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eid, ct) : null;
        var candidates = c.Status == CallStatus.Ended ? [] : await directory.CandidatesAsync(c.CallerHash, ct);
        var answers = CallRules.ReadAnswers(c.TriageAnswers);
        var triage = c.Reason is { } r
            ? TriageScripts.Script(r).Select(q => new TriageAnswerDto(q.Code, q.Text, answers.GetValueOrDefault(q.Code) ?? "",
                TriageScripts.AnswerName(answers.GetValueOrDefault(q.Code)), answers.GetValueOrDefault(q.Code) is { } a && (a == q.RedFlag || a == TriageScripts.Unknown))).ToList()
            : [];
        List<string> actions = !access.User.Can(EmergencyPolicies.HandleIncidents) ? [] : c.Status switch
        {
            CallStatus.Ringing => ["answer"],
            CallStatus.Open => ["match", "triage", "complete"],
            _ => [],
        };
        return new CallDto(c.Id, CallRules.StatusCode(c.Status), CallRules.StatusName(c.Status), c.CallerMasked, c.Line, c.OpenedBy, c.ReceivedAt, c.AnsweredAt,
            c.AnsweredBy, c.ElderId, elder is null ? null : ElderScope.Allows(access.User, elder) ? elder.Name : Masking.Name(elder.Name), elder?.AgeOn(today),
            c.MatchedAs is { } m ? CallRules.MatchCode(m) : null, c.MatchedAs is { } m2 ? CallRules.MatchName(m2) : null, c.CallerRelation, candidates,
            c.Reason is { } r1 ? TriageScripts.ReasonCode(r1) : null, c.Reason is { } r2 ? TriageScripts.ReasonName(r2) : null, triage, c.Priority,
            c.Outcome is { } o ? CallRules.OutcomeCode(o) : null, c.Outcome is { } o2 ? CallRules.OutcomeName(o2) : null, c.OutcomeNote, c.IncidentId,
            c.JoinedIncident, c.EndedAt, c.EndedBy, actions, c.Version);
    }
}
