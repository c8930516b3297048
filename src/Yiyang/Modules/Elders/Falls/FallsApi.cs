namespace Yiyang.Modules.Elders.Falls;

/// <summary><c>/api/elders/{id}/falls</c>: record and list falls (跌倒事件).</summary>
public static class FallsApi
{
    public static void MapFalls(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/elders/{elderId:long}/falls").WithTags("Elders").RequireAuthorization(ElderPolicies.FallsRead);
        g.MapGet("/", async Task<Ok<IReadOnlyList<FallDto>>> (long elderId, FallService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListAsync(elderId, ct)))
            .ProducesProblems(404)
            .WithSummary("一位老年人的跌倒事件，最近的在前");
        g.MapPost("/", async Task<Created<FallDto>> (long elderId, FallInput input, FallService svc, CancellationToken ct) =>
            {
                var dto = await svc.RecordAsync(elderId, input, ct);
                return TypedResults.Created($"/api/elders/{elderId}/falls", dto);
            })
            .RequireAuthorization(ElderPolicies.FallsWrite).ProducesProblems(400, 404)
            .WithSummary("登记跌倒：发生时间、地点（home 家中/institution 机构/outdoor 户外/other 其他）、损伤（none 无/minor 轻/severe 重）、是否就医、备注，可关联上门服务或机构入住；登记后需即时评估");
    }
}
