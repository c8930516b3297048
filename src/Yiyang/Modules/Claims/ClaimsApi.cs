using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Claims;

public static class ClaimsApi
{
    public static void MapClaims(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/claims").WithTags("Claims").RequireAuthorization(Policies.ClaimsRead);

        g.MapGet("/coverage-periods", async Task<Ok<IReadOnlyList<CoverageDto>>> ([FromQuery] long? elderId, ClaimsService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListCoverageAsync(elderId, ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("老人的待遇期（支付方类别与起止日期，含结束日；无结束日为长期）");
        g.MapPost("/coverage-periods", async Task<Created<CoverageDto>> (CoverageInput input, ClaimsService svc, CancellationToken ct) =>
            {
                var p = await svc.CreateCoverageAsync(input, ct);
                return TypedResults.Created($"/api/claims/coverage-periods/{p.Id}", p);
            })
            .RequireAuthorization(Policies.ClaimsWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("新增待遇期：payerClass ltc-institution / ltc-home / medical-inpatient / sickbed / care-self-pay / civil-subsidy；互斥类别日期重叠 → 409（说明与哪一类别、哪段日期重叠）");

        g.MapPost("/", async Task<Created<ClaimDto>> (ClaimInput input, ClaimsService svc, HttpContext http, CancellationToken ct) =>
            {
                var c = await svc.GenerateAsync(input, ct);
                http.Response.Headers.ETag = Etags.For(c.Version);
                return TypedResults.Created($"/api/claims/{c.Id}", c);
            })
            .RequireAuthorization(Policies.ClaimsWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("生成月度床日结算单（organizationId、payerClass=ltc-institution、month=YYYY-MM）；同一机构、支付方、月份只能生成一次（409）");
        g.MapGet("/", async Task<Ok<IReadOnlyList<ClaimSummaryDto>>> ([FromQuery] long? organizationId, ClaimsService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListAsync(organizationId, ct)))
            .WithSummary("结算单列表（机构管理员：本机构；监管人员：本辖区）");
        g.MapGet("/{id:long}", async Task<Ok<ClaimDto>> (long id, ClaimsService svc, HttpContext http, CancellationToken ct) =>
            {
                var c = await svc.GetAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(c.Version);
                return TypedResults.Ok(c);
            })
            .ProducesProblem(404)
            .WithSummary("结算单：结算明细（床日数、失能等级、日标准、金额，元）与未纳入的老人及原因");
        g.MapPost("/{id:long}/submit", async Task<Ok<ClaimDto>> (long id, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.SubmitAsync(id, Etags.Parse(ifMatch), ct)))
            .RequireAuthorization(Policies.ClaimsWrite)
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("提交结算单（草稿 → 已提交，须 If-Match）");
        g.MapGet("/{id:long}/export", async Task<FileContentHttpResult> (long id, ClaimsService svc, CancellationToken ct) =>
                TypedResults.File(await svc.ExportAsync(id, ct), ClaimWorkbook.ContentType, $"claim-{id}.xlsx"))
            .ProducesProblem(404)
            .WithSummary("导出结算单（.xlsx；导出记入审计）");
    }
}
