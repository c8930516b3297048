namespace Yiyang.Modules.Supervision;

/// <summary>执法检查人员名录: the regulator's bureau's inspectors in the region, with certificate and conflicts.</summary>
public sealed class ListInspectors(InspectorAccess access, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<IReadOnlyList<InspectorDto>>> (ListInspectors handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
            .ProducesProblems(403)
            .WithSummary("本部门本辖区的监督员（执法证号、有效期、回避关系数）");

    public async Task<IReadOnlyList<InspectorDto>> HandleAsync(CancellationToken ct)
    {
        var users = await access.Scoped().OrderBy(u => u.Id).Take(1000).ToListAsync(ct);
        await audit.RecordAsync("supervision.inspector.list", "inspector", null, detail: $"inspectors={users.Count}", wait: false);
        return await access.ToDtosAsync(users, ct);
    }
}
