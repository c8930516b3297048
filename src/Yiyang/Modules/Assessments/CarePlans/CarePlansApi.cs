using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary><c>/api/care-levels</c> (mapping, an elder's care level) and <c>/api/care-plans</c> (分级照护计划).</summary>
public static class CarePlansApi
{
    public static void MapCarePlans(this IEndpointRouteBuilder app)
    {
        var levels = app.MapGroup("/api/care-levels").WithTags("CarePlans").RequireAuthorization(Policies.AssessmentsScore);

        levels.MapGet("/mapping", async Task<Ok<CareLevelMappingDto>> (CarePlanService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.MappingAsync(ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .WithSummary("照护等级对应关系（当前版本）：照护等级，以及老年人能力评估 0–4 级、长护险失能 0–5 级各对应的照护等级");

        levels.MapGet("/mapping/history", async Task<Ok<IReadOnlyList<CareLevelMappingDto>>> (CarePlanService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.MappingHistoryAsync(ct)))
            .WithSummary("照护等级对应关系的历史版本（最新在前，最后为内置默认值）");

        levels.MapPut("/mapping", async Task<Ok<CareLevelMappingDto>> (CareLevelMappingInput input, CarePlanService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.UpdateMappingAsync(input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(Policies.CareLevelsManage)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("修改照护等级对应关系（保存为新版本，旧版本保留）；需 version 或 If-Match");

        levels.MapGet("/elders/{elderId:long}", async Task<Ok<ElderCareLevelDto>> (long elderId, CarePlanService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ElderCareLevelAsync(elderId, ct)))
            .ProducesProblem(404)
            .WithSummary("老年人的照护等级：按对应关系取最近一次已签署且未过期的能力评估或长护险评估");

        var ltc = app.MapGroup("/api/ltc-tables").WithTags("CarePlans").RequireAuthorization(Policies.AssessmentsScore);

        ltc.MapGet("/", async Task<Ok<LtcTablesDto>> (LtcTablesService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.CurrentAsync(ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .WithSummary("长护险失能等级评估（2021）当前的一级指标分级表与组合表（评分即按此版本）");

        ltc.MapGet("/history", async Task<Ok<IReadOnlyList<LtcTablesDto>>> (LtcTablesService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.HistoryAsync(ct)))
            .WithSummary("分级表与组合表的历史版本（最新在前，最后为默认值）");

        ltc.MapPut("/", async Task<Ok<LtcTablesDto>> (LtcTablesInput input, LtcTablesService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.UpdateAsync(input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(Policies.LtcTablesManage)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("修改分级表与组合表（医保部门监管人员；保存为新版本，立即用于评分）；需 version 或 If-Match");

        var g = app.MapGroup("/api/care-plans").WithTags("CarePlans").RequireAuthorization(Policies.AssessmentsScore);

        g.MapGet("/", async Task<Ok<IReadOnlyList<CarePlanDto>>> ([FromQuery] long? elderId, CarePlanService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListAsync(elderId, ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("一位老年人的照护计划（最新在前）");

        g.MapGet("/{id:long}", async Task<Ok<CarePlanDto>> (long id, CarePlanService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.GetAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .ProducesProblem(404);

        g.MapPost("/", async Task<Created<CarePlanDto>> (CarePlanInput input, CarePlanService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.CreateAsync(input, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Created($"/api/care-plans/{dto.Id}", dto);
            })
            .RequireAuthorization(Policies.CarePlansWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("新建照护计划草稿；不提供 items 时按照护等级生成建议的目标与服务项目");

        g.MapPut("/{id:long}", async Task<Ok<CarePlanDto>> (long id, CarePlanInput input, CarePlanService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.UpdateAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(Policies.CarePlansWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("修改草稿（需 version 或 If-Match）；已确认或已结束的计划返回 409");

        g.MapPost("/{id:long}/confirm", async Task<Ok<CarePlanDto>> (long id, CarePlanService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.ConfirmAsync(id, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(Policies.CarePlansWrite)
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("确认照护计划：成为该老年人唯一生效的计划（修订稿确认时原计划结束）；评估已过期时不能确认长护险支付的项目");

        g.MapPost("/{id:long}/end", async Task<Ok<CarePlanDto>> (long id, EndPlanInput input, CarePlanService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.EndAsync(id, input, ct)))
            .RequireAuthorization(Policies.CarePlansWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("结束生效中的照护计划（日期、原因）");

        g.MapPost("/{id:long}/revisions", async Task<Created<CarePlanDto>> (long id, CarePlanService svc, CancellationToken ct) =>
            {
                var dto = await svc.ReviseAsync(id, ct);
                return TypedResults.Created($"/api/care-plans/{dto.Id}", dto);
            })
            .RequireAuthorization(Policies.CarePlansWrite)
            .ProducesProblem(404).ProducesProblem(409)
            .WithSummary("修订生效中的计划：生成关联原计划的新草稿（按最新评估的照护等级），确认后原计划结束");
    }
}
