using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Sickbeds;

/// <summary>续床 after reassessment: a new cycle from the day after the current one ends (history kept in sickbed_cycle).</summary>
public sealed class RenewSickbed(YiyangDb db, AuditTrail audit, SickbedAccess access, GetSickbed get, IOptions<SickbedOptions> options)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/renew", async Task<Ok<SickbedDto>> (long id, RenewInput input, IfMatch ifMatch, RenewSickbed handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(SickbedPolicies.Write)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("续床（医生）：再评估结论；新周期自本周期结束次日开始，最长 Sickbeds:MaxCycleDays 天；历史周期保留");

    public async Task<SickbedDto> HandleAsync(long id, RenewInput input, int? ifMatch, CancellationToken ct)
    {
        var s = await access.LoadForDecisionAsync(id, SickbedAction.Renew, ifMatch, input.Version, ct);
        var maxCycleDays = Math.Clamp(options.Value.MaxCycleDays, 1, 366);
        var errors = new FieldErrors();
        var reassessment = SickbedAccess.Text(input.Reassessment);
        if (reassessment is null || reassessment.Length > 500) errors.Add("reassessment", "续床须填写再评估结论（最多 500 个字）。");
        var startsOn = s.CycleEndsOn!.Value.AddDays(1);
        var endsOn = input.CycleEndsOn ?? SickbedRules.DefaultCycleEnd(startsOn, maxCycleDays);
        if (SickbedRules.CycleProblem(startsOn, endsOn, maxCycleDays) is { } cycleProblem) errors.Add("cycleEndsOn", cycleProblem);
        var perWeek = input.RoundsPerWeek ?? s.RoundsPerWeek!.Value;
        if (perWeek is < 1 or > 7) errors.Add("roundsPerWeek", "查床频次应为每周 1 至 7 次。");
        errors.ThrowIfAny();
        var number = await db.Set<SickbedCycle>().Where(c => c.SickbedId == s.Id).MaxAsync(c => (int?)c.Number, ct) ?? 0;
        s.CycleEndsOn = endsOn;
        s.RoundsPerWeek = perWeek;
        access.Touch(s);
        db.Add(new SickbedCycle
        {
            SickbedId = s.Id,
            Number = number + 1,
            StartsOn = startsOn,
            EndsOn = endsOn,
            RoundsPerWeek = perWeek,
            Reassessment = reassessment,
            CreatedByUser = access.Actor,
            CreatedAt = s.UpdatedAt,
            CountyCode = s.CountyCode,
        });
        db.TimelineEvents.Add(access.Event(s.ElderId, "sickbeds.renewed", $"家庭病床续床（第 {number + 1} 周期）：{startsOn:yyyy-MM-dd} 至 {endsOn:yyyy-MM-dd}"));
        await access.SaveAsync(ct);
        await audit.RecordAsync("sickbeds.renew", "sickbed", s.Id.ToString(), s.ElderId, $"cycle={number + 1}");
        return await get.HandleAsync(s.Id, ct, audited: false);
    }
}
