namespace Yiyang.Modules.Supervision;

/// <summary>补正材料已收到: the applicant (or the bureau) reports the documents in; the clock restarts with the days left.</summary>
public sealed class ReceiveLicenceDocuments(YiyangDb db, LicensingTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/documents-received", async Task<Ok<LicenceApplicationDto>> (long id, IfMatch ifMatch, ReceiveLicenceDocuments handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ifMatch.Version, ct)))
            .RequireAuthorization(SupervisionPolicies.LicensingRead)
            .ProducesProblems(403, 404, 409, 412, 422)
            .WithSummary("补正材料已提交：恢复计时，剩余工作日从今天起算");

    public async Task<LicenceApplicationDto> HandleAsync(long id, int? ifMatch, CancellationToken ct)
    {
        var a = await transitions.BeginAsync(id, "documents-received", ifMatch, ct);
        var uploaded = await db.Set<LicenceDocument>().AsNoTracking().Where(d => d.ApplicationId == a.Id).Select(d => d.DocumentType).ToListAsync(ct);
        var missing = LicensingKinds.Missing(LicensingKinds.Find(a.Kind)!, uploaded);
        if (missing.Count > 0)
            throw new ConflictException("documents-missing", $"必需材料仍不全：缺少{string.Join("、", missing.Select(m => m.Name))}。");
        var access = transitions.Access;
        var today = access.Today;
        var clock = LicensingRules.Restart(new LicensingClock(a.DaysUsed, a.ClockStartedOn, a.DeadlineOn), today,
            a.TimeLimitWorkingDays ?? access.Options.TimeLimitOf(a.Kind), await transitions.CalendarsAsync(today, ct));
        a.Status = LicensingRules.Accepted;
        a.ClockStartedOn = clock.RunningSince;
        a.DeadlineOn = clock.DeadlineOn;
        return await transitions.CommitAsync(a, "documents-received", $"daysUsed={a.DaysUsed}; deadline={a.DeadlineOn:yyyy-MM-dd}", ct);
    }
}
