namespace Yiyang.Modules.Supervision;

/// <summary>一项整改事项: the item, requirement, due date, the organization's answer with evidence, the re-check.</summary>
public sealed class GetFinding(FindingAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<FindingDto>> (long id, GetFinding handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(403, 404)
            .WithSummary("整改事项详情（被抽中的监督员、计划所属部门监管人员、被检查机构管理员）");

    public async Task<FindingDto> HandleAsync(long id, CancellationToken ct) => await access.ToDtoAsync(await access.LoadForReadAsync(id, ct), ct);
}
