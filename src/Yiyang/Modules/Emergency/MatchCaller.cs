using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// 确认来电人: the operator confirms which elder the call is about — one the number matched (本人, a contact, a number
/// registered before), or another elder in scope, which registers the unknown caller's number for that elder (with the
/// relation, e.g. 邻居) so that the next call from it matches. The contacts of the elder's record are re-indexed.
/// </summary>
public sealed class MatchCaller(YiyangDb db, CallSteps steps, CallerDirectory directory)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/calls/{id:long}/match", async Task<Ok<CallDto>> (long id, MatchCallerInput input, IfMatch ifMatch, MatchCaller handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("确认来电人对应的老年人（elderId）；号码未匹配到该老人时须填 relation（来电人与老人的关系），号码登记为该老人的来电人");

    public async Task<CallDto> HandleAsync(long id, MatchCallerInput input, int? ifMatch, CancellationToken ct)
    {
        var relation = string.IsNullOrWhiteSpace(input.Relation) ? null : input.Relation.Trim();
        var errors = new FieldErrors();
        if (input.ElderId is null) errors.Add("elderId", "请选择老年人。");
        if (relation is { Length: > 20 }) errors.Add("relation", "关系最多 20 个字。");
        errors.ThrowIfAny();
        var c = await steps.BeginAsync(id, input.Version, ifMatch, ct, CallStatus.Open);
        var elder = await ElderScope.Apply(db.Elders.AsNoTracking(), steps.User).FirstOrDefaultAsync(e => e.Id == input.ElderId, ct)
                    ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
        var candidate = (await directory.CandidatesAsync(c.CallerHash, ct)).FirstOrDefault(x => x.ElderId == elder.Id);
        if (candidate is not null)
        {
            c.MatchedAs = candidate.Match switch { "elder" => CallerMatch.Elder, "contact" => CallerMatch.Contact, _ => CallerMatch.Registered };
            c.CallerRelation = relation ?? candidate.Relation;
        }
        else
        {
            if (relation is null) throw ValidationFailedException.For("relation", "该号码未登记为此老人的来电人，请填写来电人与老人的关系（如：邻居）。");
            c.MatchedAs = CallerMatch.Registered;
            c.CallerRelation = relation;
            if (c.CallerHash is not null) await directory.RememberAsync(c.CallerHash, elder, relation, ct);
        }
        c.ElderId = elder.Id;
        await directory.IndexContactsAsync(elder, ct);
        db.TimelineEvents.Add(TimelineEvent.Create(elder.Id, steps.Now, "emergency.call.matched", EmergencyAccess.Module,
            $"应急来电：来电人为{c.CallerRelation}（{CallRules.MatchName(c.MatchedAs.Value)}）", steps.Actor));
        return await steps.CommitAsync(c, "match", $"match={CallRules.MatchCode(c.MatchedAs.Value)}", ct);
    }
}
