namespace Yiyang.Modules.HomeVisits;

/// <summary>One visit with its services, vitals and (once completed) its charge lines.</summary>
public sealed class GetVisit(YiyangDb db, HomeVisitAccess access, Billing.VisitCharging charging)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<VisitDto>> (long id, GetVisit handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<VisitDto> HandleAsync(long id, CancellationToken ct)
    {
        var visit = await access.Scoped().AsNoTracking().Include(v => v.Services).Include(v => v.Vital).FirstOrDefaultAsync(v => v.Id == id, ct)
                    ?? throw HomeVisitAccess.NotFound();
        var (elderName, teamName) = await access.NamesAsync(visit.ElderId, visit.TeamId, ct);
        var dto = HomeVisitMapping.ToDto(visit, elderName, teamName) with { Breaches = await VisitVitalAlerts.ActiveAsync(db, visit.Id, ct) };
        if (visit.Status != VisitStatus.Completed) return dto;
        var charges = await charging.ForVisitAsync(visit.Id, ct);
        return dto with { Charges = charges, PatientTotal = charges.Sum(c => c.PatientAmount) };
    }
}
