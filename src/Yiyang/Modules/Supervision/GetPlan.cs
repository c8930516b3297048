namespace Yiyang.Modules.Supervision;

/// <summary>一项抽查计划: its settings, counts and draws.</summary>
public sealed class GetPlan(PlanAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/plans/{id:long}", async Task<Ok<PlanDto>> (long id, GetPlan handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(403, 404)
            .WithSummary("抽查计划详情及其抽取记录（本部门本辖区）");

    public async Task<PlanDto> HandleAsync(long id, CancellationToken ct) => await access.ToDtoAsync(await access.LoadAsync(id, ct), ct);
}
