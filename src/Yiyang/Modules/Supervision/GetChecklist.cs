namespace Yiyang.Modules.Supervision;

/// <summary>一版检查表: one version with its items (also a superseded one: an inspection keeps the version it used).</summary>
public sealed class GetChecklist(ChecklistQueries queries, CurrentUser user)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/checklists/{id:long}", async Task<Ok<ChecklistDto>> (long id, GetChecklist handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .RequireAuthorization(SupervisionPolicies.ReadChecklists)
            .ProducesProblems(403, 404)
            .WithSummary("某一版本的检查表及其检查项");

    public async Task<ChecklistDto> HandleAsync(long id, CancellationToken ct)
    {
        user.Demand(SupervisionPolicies.ReadChecklists);
        return await queries.FindAsync(id, ct) ?? throw new NotFoundException("未找到该检查表。");
    }
}
