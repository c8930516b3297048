using Yiyang.Modules.Elders;

namespace Yiyang.Modules.CareSummary;

public static class CareSummaryApi
{
    public static void MapCareSummary(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/elders/{id:long}/care-summary", async Task<Ok<ElderCareSummary>> (long id, CareSummaryService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.GetAsync(id, ct)))
            .WithTags("Elders").RequireAuthorization(ElderPolicies.Read)
            .ProducesProblems(404)
            .WithSummary("老人的医养服务概览：上门服务（最近 20 次，含收费明细：标价、个人自付、支付方，金额单位：元）、生效的家庭医生签约、未结束的家庭病床、评估/照护计划/健康管理链接；按角色显示各部分");
}
