namespace Yiyang.Modules.Supervision;

/// <summary>受理: the bureau accepts a complete application; the clock starts (deadline N working days after today).</summary>
public sealed class AcceptLicenceApplication(YiyangDb db, LicensingTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/accept", async Task<Ok<LicenceApplicationDto>> (long id, IfMatch ifMatch, AcceptLicenceApplication handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ifMatch.Version, ct)))
            .RequireAuthorization(SupervisionPolicies.LicensingDecide)
            .ProducesProblems(403, 404, 409, 412, 422)
            .WithSummary("受理申请：必需材料齐全才能受理（否则 409 documents-missing），按工作日起算办理时限");

    public async Task<LicenceApplicationDto> HandleAsync(long id, int? ifMatch, CancellationToken ct)
    {
        var a = await transitions.BeginAsync(id, "accept", ifMatch, ct);
        var kind = LicensingKinds.Find(a.Kind)!;
        var uploaded = await db.Set<LicenceDocument>().AsNoTracking().Where(d => d.ApplicationId == a.Id).Select(d => d.DocumentType).ToListAsync(ct);
        var missing = LicensingKinds.Missing(kind, uploaded);
        if (missing.Count > 0)
            throw new ConflictException("documents-missing", $"必需材料不全，不能受理：缺少{string.Join("、", missing.Select(m => m.Name))}。");
        var access = transitions.Access;
        var today = access.Today;
        var limit = access.Options.TimeLimitOf(a.Kind);
        var clock = LicensingRules.Start(today, limit, await transitions.CalendarsAsync(today, ct));
        a.Status = LicensingRules.Accepted;
        a.AcceptedOn = today;
        a.AcceptedByUser = access.Actor;
        a.TimeLimitWorkingDays = limit;
        a.DaysUsed = clock.DaysUsed;
        a.ClockStartedOn = clock.RunningSince;
        a.DeadlineOn = clock.DeadlineOn;
        return await transitions.CommitAsync(a, "accept", $"limit={limit}; deadline={a.DeadlineOn:yyyy-MM-dd}", ct);
    }
}
