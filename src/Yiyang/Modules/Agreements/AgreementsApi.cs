using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Agreements;

public static class AgreementsApi
{
    public static void MapAgreements(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/agreements").WithTags("Agreements").RequireAuthorization(Policies.Agreements);

        g.MapPost("/", async Task<Created<AgreementDto>> (AgreementInput input, AgreementService svc, HttpContext http, CancellationToken ct) =>
            {
                var a = await svc.CreateAsync(input, ct);
                http.Response.Headers.ETag = Etags.For(a.Version);
                return TypedResults.Created($"/api/agreements/{a.Id}", a);
            })
            .ProducesProblem(400).ProducesProblem(403)
            .WithSummary("起草医养签约合作协议（机构管理员或平台管理员；状态为草拟）");
        g.MapGet("/", async Task<Ok<IReadOnlyList<AgreementDto>>> ([FromQuery] string? status, AgreementService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListAsync(status, ct)))
            .WithSummary("本机构参与的协议（监管人员：本辖区；平台管理员：全部），可按状态筛选");
        g.MapGet("/uncovered", async Task<Ok<IReadOnlyList<UncoveredDto>>> ([FromQuery] string? regionCode, AgreementService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.UncoveredAsync(regionCode, ct)))
            .RequireAuthorization(Policies.AgreementsOversight)
            .WithSummary("既无生效签约协议、又无医务室的养老机构（监管人员：本辖区内）");
        g.MapGet("/{id:long}", async Task<Ok<AgreementDto>> (long id, AgreementService svc, HttpContext http, CancellationToken ct) =>
            {
                var a = await svc.GetAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(a.Version);
                return TypedResults.Ok(a);
            })
            .ProducesProblem(404);
        g.MapGet("/{id:long}/performance", async Task<Ok<PerformanceDto>> (long id, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, AgreementService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.PerformanceAsync(id, from, to, ct)))
            .ProducesProblem(404)
            .WithSummary("履约情况：双方之间的转诊（发出/接收、接收中位分钟数）、绿色通道预约与就诊、计划巡诊次数");
        g.MapPost("/{id:long}/attachments", async Task<Created<AttachmentDto>> (long id, AttachmentInput input, AgreementService svc, CancellationToken ct) =>
            {
                var x = await svc.AddAttachmentAsync(id, input, ct);
                return TypedResults.Created($"/api/agreements/{id}", x);
            })
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("登记附件（仅元数据：名称、说明、大小）");
        g.MapPost("/{id:long}/activate", async Task<Ok<AgreementDto>> (long id, AgreementTransitionInput? input, AgreementService svc, HttpContext http, CancellationToken ct) =>
            {
                var a = await svc.ActivateAsync(id, input ?? new AgreementTransitionInput(null, null), Etags.Parse(http.Request.Headers.IfMatch), ct);
                http.Response.Headers.ETag = Etags.For(a.Version);
                return TypedResults.Ok(a);
            })
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("生效（草拟 → 生效，仅在协议期限内；同一对机构同时只能有一份生效协议）");
        g.MapPost("/{id:long}/terminate", async Task<Ok<AgreementDto>> (long id, AgreementTransitionInput? input, AgreementService svc, HttpContext http, CancellationToken ct) =>
            {
                var a = await svc.TerminateAsync(id, input ?? new AgreementTransitionInput(null, null), Etags.Parse(http.Request.Headers.IfMatch), ct);
                http.Response.Headers.ETag = Etags.For(a.Version);
                return TypedResults.Ok(a);
            })
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("终止（须填 reason）；医疗机构对入住老人的查阅权限当即结束");
    }
}
