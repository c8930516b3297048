using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// 入住记录: a stay, if its elder is in the user's scope, or — for the institution's own staff — if it is a stay of their
/// own institution, open or closed: after discharge the resident of another organization leaves the staff's elder scope,
/// but the institution keeps reading its own stay record (not the elder's file).
/// </summary>
public sealed class GetStay(YiyangDb db, CurrentUser user, InstitutionAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/stays/{id:long}", async Task<Ok<StayDto>> (long id, GetStay handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<StayDto> HandleAsync(long id, CancellationToken ct)
    {
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        var ownOrg = !user.Can(InstitutionPolicies.AllInstitutions) && user.Can(InstitutionPolicies.Write) && user.OrganizationId is { } o ? o : -1L;
        var visible = await db.Set<InstitutionStay>().AsNoTracking()
            .AnyAsync(s => s.Id == id && (s.OrganizationId == ownOrg || elders.Any(e => e.Id == s.ElderId)), ct);
        if (!visible) throw InstitutionAccess.NoStay();
        return await access.StayAsync(id, ct);
    }
}
