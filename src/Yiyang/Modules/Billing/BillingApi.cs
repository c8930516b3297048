using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Billing;

public static class BillingApi
{
    public static void MapBilling(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/billing").WithTags("Billing").RequireAuthorization(Policies.BillingRead);

        g.MapGet("/prices", async Task<Ok<IReadOnlyList<PriceItemDto>>> (
                [FromQuery] long? organizationId, [FromQuery] bool? activeOnly, BillingService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListPricesAsync(organizationId, activeOnly ?? false, ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("医疗服务价格目录（按机构；机构人员默认本机构）；价格单位：元/计价单位");
        g.MapPost("/prices", async Task<Created<PriceItemDto>> (PriceItemInput input, BillingService svc, HttpContext http, CancellationToken ct) =>
            {
                var p = await svc.CreatePriceAsync(input, ct);
                http.Response.Headers.ETag = Etags.For(p.Version);
                return TypedResults.Created($"/api/billing/prices/{p.Id}", p);
            })
            .RequireAuthorization(Policies.BillingWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409)
            .WithSummary("新增收费项目：code（机构内唯一，409）、name、unit（默认“次”）、price（元，0–100000，两位小数）、active");
        g.MapPut("/prices/{id:long}", async Task<Ok<PriceItemDto>> (
                long id, PriceItemInput input, [FromHeader(Name = "If-Match")] string? ifMatch, BillingService svc, HttpContext http, CancellationToken ct) =>
            {
                var p = await svc.UpdatePriceAsync(id, input, Etags.Parse(ifMatch), ct);
                http.Response.Headers.ETag = Etags.For(p.Version);
                return TypedResults.Ok(p);
            })
            .RequireAuthorization(Policies.BillingWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("修改收费项目名称、单位、价格（元）或启用状态（须 If-Match 或 version）");

        g.MapGet("/service-fees", async Task<Ok<ServiceFeeDto>> ([FromQuery] long? organizationId, BillingService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.GetServiceFeesAsync(organizationId, ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("上门服务费：距离档（公里，起点含、终点不含；最后一档可无终点）、每档费用（元/次）与支付方设置");
        g.MapPut("/service-fees", async Task<Ok<ServiceFeeDto>> (
                ServiceFeeInput input, [FromHeader(Name = "If-Match")] string? ifMatch, BillingService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.SetServiceFeesAsync(input, Etags.Parse(ifMatch), ct)))
            .RequireAuthorization(Policies.BillingWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("设置上门服务费：bands 从 0 公里起连续、不重叠；payer 为 elder（个人自付）或 family-doctor（家庭医生签约服务包）");

        g.MapGet("/statements", async Task<Ok<Statement>> (
                [FromQuery] string? month, [FromQuery] long? organizationId, [FromQuery] long? elderId, [FromQuery] string? payer,
                BillingService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.StatementAsync(new BillingService.StatementQuery(month, organizationId, elderId, payer), ct)))
            .ProducesProblem(400)
            .WithSummary("月度对账单（month=YYYY-MM）：按老人（明细与合计）与按支付方（elder / family-doctor / ltc），金额单位：元");
        g.MapGet("/statements/export", async Task<FileContentHttpResult> (
                [FromQuery] string? month, [FromQuery] long? organizationId, [FromQuery] long? elderId, [FromQuery] string? payer,
                BillingService svc, CancellationToken ct) =>
            {
                var bytes = await svc.ExportAsync(new BillingService.StatementQuery(month, organizationId, elderId, payer), ct);
                return TypedResults.File(bytes, StatementWorkbook.ContentType, $"statement-{month}.xlsx");
            })
            .ProducesProblem(400)
            .WithSummary("导出月度对账单与收入汇总（.xlsx；导出记入审计）");
        g.MapGet("/income", async Task<Ok<IReadOnlyList<IncomeRow>>> (
                [FromQuery] string? month, [FromQuery] long? organizationId, BillingService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.IncomeAsync(month, organizationId, ct)))
            .ProducesProblem(400)
            .WithSummary("单独核算：各机构当月医养服务收入（标价合计）按支付方汇总，单位：元");
    }
}
