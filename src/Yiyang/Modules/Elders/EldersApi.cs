using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Elders;

public static class EldersApi
{
    public static void MapElders(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/elders").WithTags("Elders").RequireAuthorization(Policies.EldersRead);

        g.MapGet("/", async Task<Ok<PagedList<ElderListItem>>> (
                [FromQuery] string? q, [FromQuery] string? regionCode, [FromQuery] string? flag,
                [FromQuery] int? page, [FromQuery] int? pageSize, ElderService svc, CancellationToken ct) =>
            TypedResults.Ok(await svc.ListAsync(new ElderQuery(q, regionCode, flag, page, pageSize), ct)))
            .WithSummary("查询服务对象：姓名前缀、完整身份证号或完整电话；区划含下级乡镇");

        g.MapPost("/", async Task<Created<ElderDetail>> (ElderInput input, ElderService svc, HttpContext http, CancellationToken ct) =>
            {
                var elder = await svc.RegisterAsync(input, ct);
                var detail = await svc.GetAsync(elder.Id, ct);
                http.Response.Headers.ETag = Etags.For(detail.Version);
                return TypedResults.Created($"/api/elders/{elder.Id}", detail);
            })
            .RequireAuthorization(Policies.EldersWrite)
            .ProducesProblem(400).ProducesProblem(409)
            .WithSummary("登记服务对象（身份证号按 GB 11643 校验）");

        g.MapGet("/{id:long}", async Task<Ok<ElderDetail>> (long id, ElderService svc, HttpContext http, CancellationToken ct) =>
            {
                var detail = await svc.GetAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(detail.Version);
                return TypedResults.Ok(detail);
            })
            .ProducesProblem(404);

        g.MapPut("/{id:long}", async Task<Ok<ElderDetail>> (long id, ElderInput input, ElderService svc, HttpContext http, CancellationToken ct) =>
            {
                var ifMatch = Etags.Parse(http.Request.Headers.IfMatch.ToString());
                await svc.UpdateAsync(id, input, ifMatch, ct);
                var detail = await svc.GetAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(detail.Version);
                return TypedResults.Ok(detail);
            })
            .RequireAuthorization(Policies.EldersWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);

        g.MapPost("/{id:long}/reveal", async Task<Ok<RevealResult>> (long id, RevealRequest request, ElderService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.RevealAsync(id, request, ct)))
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("查看完整个人信息（需填写原因，记入审计）");

        g.MapGet("/{id:long}/timeline", async Task<Ok<IReadOnlyList<TimelineItem>>> (long id, ElderService svc, CancellationToken ct) =>
            TypedResults.Ok(await svc.TimelineAsync(id, ct)))
            .ProducesProblem(404);

        g.MapGet("/ledger/{townshipCode}", async Task<Ok<IReadOnlyList<LedgerItem>>> (string townshipCode, ElderService svc, CancellationToken ct) =>
            TypedResults.Ok(await svc.LedgerAsync(townshipCode, ct)))
            .WithSummary("台账：乡镇（街道）行动不便老年人及最近一次随访日期");

        g.MapGet("/risk-flags", () => TypedResults.Ok(RiskFlagCatalog.All.Select(f => new { f.Code, f.Name })));
    }
}
