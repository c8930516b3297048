using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.HomeVisits;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Sickbeds;

public static class SickbedsApi
{
    public static void MapSickbeds(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/sickbeds").WithTags("Sickbeds").RequireAuthorization(Policies.SickbedsRead);

        g.MapPost("/", async Task<Created<SickbedDto>> (ApplicationInput input, SickbedService svc, HttpContext http, CancellationToken ct) =>
            {
                var s = await svc.ApplyAsync(input, ct);
                http.Response.Headers.ETag = Etags.For(s.Version);
                return TypedResults.Created($"/api/sickbeds/{s.Id}", s);
            })
            .RequireAuthorization(Policies.SickbedsWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("申请家庭病床：老年人、申请医疗机构（机构人员为本机构）、申请理由、诊断（ICD-10 编码与名称）；已有未撤床的家庭病床或正在养老/医养结合机构入住时 409");
        g.MapGet("/", async Task<Ok<PagedList<SickbedListItem>>> (
                [FromQuery] long? elderId, [FromQuery] string? status, [FromQuery] int? page, [FromQuery] int? pageSize, SickbedService svc, CancellationToken ct) =>
            TypedResults.Ok(await svc.ListAsync(new SickbedQuery(elderId, status, page, pageSize), ct)))
            .ProducesProblem(400)
            .WithSummary("家庭病床列表（状态 open/applied/approved/opened/rejected/closed；alert 表示查床不足或周期已到期）");
        g.MapGet("/alerts", async Task<Ok<IReadOnlyList<SickbedAlert>>> (SickbedService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.AlertsAsync(ct)))
            .WithSummary("提醒：rounds-below-frequency（自建床日起每 7 天为一个统计段，已结束的最近一段完成查床次数少于每周要求；当前未满 7 天的段不计）、cycle-ended（周期已结束未续床或撤床）");
        g.MapGet("/{id:long}", async Task<Ok<SickbedDto>> (long id, SickbedService svc, HttpContext http, CancellationToken ct) =>
            {
                var s = await svc.GetAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(s.Version);
                return TypedResults.Ok(s);
            })
            .ProducesProblem(404)
            .WithSummary("家庭病床详情：计划、周期（含续床历史）、查床（上门服务）、医嘱、护理记录与查床频次");

        g.MapPost("/{id:long}/approve", async Task<Ok<SickbedDto>> (long id, ApproveInput input, [FromHeader(Name = "If-Match")] string? ifMatch,
                SickbedService svc, HttpContext http, CancellationToken ct) =>
                Tagged(http, await svc.ApproveAsync(id, input, Etags.Parse(ifMatch), ct)))
            .RequireAuthorization(Policies.SickbedsWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("评估通过（医生）：评估日期、评估意见；version 或 If-Match");
        g.MapPost("/{id:long}/reject", async Task<Ok<SickbedDto>> (long id, RejectInput input, [FromHeader(Name = "If-Match")] string? ifMatch,
                SickbedService svc, HttpContext http, CancellationToken ct) =>
                Tagged(http, await svc.RejectAsync(id, input, Etags.Parse(ifMatch), ct)))
            .RequireAuthorization(Policies.SickbedsWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("评估未通过（医生）：须填原因");
        g.MapPost("/{id:long}/open", async Task<Ok<SickbedDto>> (long id, OpenInput input, [FromHeader(Name = "If-Match")] string? ifMatch,
                SickbedService svc, HttpContext http, CancellationToken ct) =>
                Tagged(http, await svc.OpenAsync(id, input, Etags.Parse(ifMatch), ct)))
            .RequireAuthorization(Policies.SickbedsWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("建床（医生）：治疗与护理计划、查床服务项目、责任医生与护士、每周查床次数（1–7，默认 Sickbeds:DefaultRoundsPerWeek）、周期结束日期（最长 Sickbeds:MaxCycleDays 天，默认 90）");
        g.MapPost("/{id:long}/renew", async Task<Ok<SickbedDto>> (long id, RenewInput input, [FromHeader(Name = "If-Match")] string? ifMatch,
                SickbedService svc, HttpContext http, CancellationToken ct) =>
                Tagged(http, await svc.RenewAsync(id, input, Etags.Parse(ifMatch), ct)))
            .RequireAuthorization(Policies.SickbedsWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("续床（医生）：再评估结论；新周期自本周期结束次日开始，最长 Sickbeds:MaxCycleDays 天；历史周期保留");
        g.MapPost("/{id:long}/close", async Task<Ok<SickbedDto>> (long id, CloseInput input, [FromHeader(Name = "If-Match")] string? ifMatch,
                SickbedService svc, HttpContext http, CancellationToken ct) =>
                Tagged(http, await svc.CloseAsync(id, input, Etags.Parse(ifMatch), ct)))
            .RequireAuthorization(Policies.SickbedsWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("撤床（医生）：原因 cured 治愈 / improved 好转 / transferred 转院 / died 死亡 / withdrawn 自动撤床 / other 其他，撤床小结；未停止的医嘱随之停止");

        g.MapPost("/{id:long}/rounds", async Task<Results<Created<RoundDto>, Ok<RoundDto>>> (long id, RoundInput? input,
                [FromHeader(Name = HomeVisitsApi.IdempotencyKeyHeader)] string? key, SickbedService svc, HttpContext http, CancellationToken ct) =>
            {
                var r = await svc.AddRoundAsync(id, input ?? new RoundInput(null), key, ct);
                var location = $"/api/home-visits/{r.Round.VisitId}";
                if (!r.Replayed) return TypedResults.Created(location, r.Round);
                http.Response.Headers.Location = location;
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Ok(r.Round);
            })
            .RequireAuthorization(Policies.SickbedsWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("查床：按计划服务项目创建一次上门服务（临时出诊）并记为本病床的查床；带 Idempotency-Key 时重试返回同一次查床");
        g.MapPost("/{id:long}/orders", async Task<Created<OrderDto>> (long id, OrderInput input, SickbedService svc, CancellationToken ct) =>
            {
                var o = await svc.AddOrderAsync(id, input, ct);
                return TypedResults.Created($"/api/sickbeds/{id}", o);
            })
            .RequireAuthorization(Policies.SickbedsWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("下达医嘱（医生）：long-term 长期医嘱 / temporary 临时医嘱、内容、开始时间");
        g.MapPost("/{id:long}/orders/{orderId:long}/stop", async Task<Ok<OrderDto>> (long id, long orderId, StopOrderInput? input, SickbedService svc,
                CancellationToken ct) =>
                TypedResults.Ok(await svc.StopOrderAsync(id, orderId, input ?? new StopOrderInput(null), ct)))
            .RequireAuthorization(Policies.SickbedsWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("停止医嘱（医生）");
        g.MapPost("/{id:long}/nursing-records", async Task<Created<NursingRecordDto>> (long id, NursingRecordInput input, SickbedService svc, CancellationToken ct) =>
            {
                var n = await svc.AddNursingRecordAsync(id, input, ct);
                return TypedResults.Created($"/api/sickbeds/{id}", n);
            })
            .RequireAuthorization(Policies.SickbedsWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("护理记录（医生或护士）");
    }

    private static Ok<SickbedDto> Tagged(HttpContext http, SickbedDto s)
    {
        http.Response.Headers.ETag = Etags.For(s.Version);
        return TypedResults.Ok(s);
    }
}
