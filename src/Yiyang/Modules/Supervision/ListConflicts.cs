namespace Yiyang.Modules.Supervision;

/// <summary>一名监督员的回避关系: the organizations the inspector must not inspect, with reasons.</summary>
public sealed class ListConflicts(YiyangDb db, InspectorAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}/conflicts", async Task<Ok<IReadOnlyList<ConflictDto>>> (long id, ListConflicts handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(403, 404)
            .WithSummary("监督员的回避关系（机构、原因、登记人）");

    public async Task<IReadOnlyList<ConflictDto>> HandleAsync(long id, CancellationToken ct)
    {
        await access.LoadAsync(id, ct);
        return await (from c in db.Set<InspectorConflict>().AsNoTracking()
                      join o in db.Organizations.AsNoTracking() on c.OrganizationId equals o.Id
                      where c.InspectorUserId == id
                      orderby c.Id
                      select new ConflictDto(c.Id, id, o.Id, o.Name, c.Reason, c.RecordedByUser, c.RecordedAt)).ToListAsync(ct);
    }
}
