namespace Yiyang.Modules.DailyCare;

/// <summary>The medical-room encounters of a resident's stay, newest first (audited).</summary>
public sealed class ListEncounters(YiyangDb db, CurrentUser user, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("", async Task<Ok<IReadOnlyList<EncounterDto>>> (long stayId, ListEncounters handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(stayId, ct)))
            .ProducesProblems(404)
            .WithSummary("住户的医务室就诊记录（新的在前）");

    public async Task<IReadOnlyList<EncounterDto>> HandleAsync(long stayId, CancellationToken ct)
    {
        var stay = await ResidentAccess.StayAsync(db, user, stayId, false, DailyCarePolicies.Medical, ct);
        var rows = await db.Set<MedicalEncounter>().AsNoTracking().Include(x => x.Orders).Where(x => x.StayId == stay.Id)
            .OrderByDescending(x => x.SeenAt).ThenByDescending(x => x.Id).Take(200).ToListAsync(ct);
        await audit.RecordAsync("daily-care.encounter.list", "stay", stay.Id.ToString(), stay.ElderId);
        return rows.Select(MedicalEncounterMapping.ToDto).ToList();
    }
}
