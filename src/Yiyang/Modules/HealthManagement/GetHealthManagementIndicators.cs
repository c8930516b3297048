using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.HealthManagement;

/// <summary>健康管理指标: the rates of a township, district or city in a year, with the drill-through (<see cref="IndicatorService"/>).</summary>
public static class GetHealthManagementIndicators
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/indicators/health-management", async Task<Ok<HealthManagementIndicators>> (
                [FromQuery] string? regionCode, [FromQuery] int? year, [FromQuery] string? drill, [FromQuery] int? page, [FromQuery] int? pageSize,
                IndicatorService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ComputeAsync(regionCode, year, drill, page, pageSize, ct)))
            .WithTags("HealthManagement").RequireAuthorization(HealthManagementPolicies.Read).ProducesProblems(400)
            .WithSummary("乡镇（9 位）/区县（6 位）/市（4 位）某年的老年人健康管理率、中医药健康管理率、失能老年人能力评估覆盖率（分子、分母、比率、目标）及 drill 指标的贡献记录（分页，姓名脱敏）");
}
