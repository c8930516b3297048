namespace Yiyang.Modules.Institutions;

/// <summary>床位转换申请一览: an institution's own requests, or for a regulator those of the region (pending first).</summary>
public sealed class ListConversions(YiyangDb db, CurrentUser user)
{
    public static void Map(RouteGroupBuilder conversions) =>
        conversions.MapGet("", async Task<Ok<IReadOnlyList<ConversionDto>>> (ListConversions handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
            .RequireAuthorization(Policies.AnyUser)
            .WithSummary("床位转换申请：机构看本机构的，监管人员看本辖区的（待审批在前）");

    public async Task<IReadOnlyList<ConversionDto>> HandleAsync(CancellationToken ct)
    {
        var q = db.Set<BedConversion>().AsNoTracking();
        // the deciders (regulators) see their region's requests; institution staff their own institution's
        if (user.Can(InstitutionPolicies.BedConversionDecide)) q = q.InRegionOf(user, c => c.TownshipCode);
        else if (!user.Can(InstitutionPolicies.AllInstitutions))
        {
            user.Demand(InstitutionPolicies.Write);
            q = q.Where(c => c.OrganizationId == user.OrganizationId);
        }
        var rows = await (from c in q
                          join b in db.Set<InstitutionBed>().AsNoTracking() on c.BedId equals b.Id
                          orderby c.Status, c.Id descending
                          select new { c, b }).Take(500).ToListAsync(ct);
        return rows.Select(r => InstitutionMapping.ToDto(r.c, r.b)).ToList();
    }
}
