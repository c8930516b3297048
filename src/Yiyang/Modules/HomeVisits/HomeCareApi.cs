using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.HomeVisits;

public static class HomeCareApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void MapHomeCare(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/home-visits").WithTags("HomeCare").RequireAuthorization(Policies.FamilyDoctorRead);

        g.MapPost("/", async Task<Results<Created<VisitDto>, Ok<VisitDto>>> (
                VisitInput input, [FromHeader(Name = IdempotencyKeyHeader)] string? key, HomeCareService svc, HttpContext http, CancellationToken ct) =>
            {
                var r = await svc.CreateAsync(input, key, ct);
                http.Response.Headers.ETag = Etags.For(r.Visit.Version);
                var location = $"/api/home-visits/{r.Visit.Id}";
                if (!r.Replayed) return TypedResults.Created(location, r.Visit);
                http.Response.Headers.Location = location;
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Ok(r.Visit);
            })
            .RequireAuthorization(Policies.FamilyDoctorWrite)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422)
            .WithSummary("计划上门巡诊或开始临时出诊（source: ad-hoc / package / ledger）；带 Idempotency-Key 时重试返回同一次上门（200），同一键不同内容 422");
        g.MapGet("/", async Task<Ok<PagedList<VisitListItem>>> (
                [FromQuery] long? elderId, [FromQuery] long? teamId, [FromQuery] DateOnly? date, [FromQuery] string? status,
                [FromQuery] int? page, [FromQuery] int? pageSize, HomeCareService svc, CancellationToken ct) =>
            TypedResults.Ok(await svc.ListAsync(new VisitQuery(elderId, teamId, date, status, page, pageSize), ct)))
            .ProducesProblem(400)
            .WithSummary("上门服务列表（按老人、团队、计划日期、状态 planned/checked-in/completed 筛选；只含可查看的老人）");
        g.MapGet("/worklist", async Task<Ok<WorkList>> ([FromQuery] DateOnly? date, [FromQuery] long? organizationId, HomeCareService svc,
                CareSummary.WorkListReminderService reminders, CancellationToken ct) =>
                TypedResults.Ok(await svc.WorkListAsync(date, organizationId, ct) with { Reminders = await reminders.ForAsync(organizationId, ct) }))
            .WithSummary("团队工作清单：当天计划的上门服务 + 超过台账随访间隔（HomeCare:LedgerIntervalDays）未上门的台账老人 + reminders（到期/逾期复评、今年未做健康体检的 65 岁及以上老人）");
        g.MapGet("/{id:long}", async Task<Ok<VisitDto>> (long id, HomeCareService svc, HttpContext http, CancellationToken ct) =>
            {
                var v = await svc.GetAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(v.Version);
                return TypedResults.Ok(v);
            })
            .ProducesProblem(404);
        g.MapPost("/{id:long}/check-in", async Task<Ok<VisitDto>> (long id, CheckInInput? input, HomeCareService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.CheckInAsync(id, input ?? new CheckInInput(null, null, null, null), ct)))
            .RequireAuthorization(Policies.FamilyDoctorWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("签到：时间（缺省为服务器时间）与可选定位（纬度 -90..90、经度 -180..180、精度 ≥ 0 米）");
        g.MapPut("/{id:long}/vitals", async Task<Ok<VisitDto>> (long id, VitalsInput input, HomeCareService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.RecordVitalsAsync(id, input, ct)))
            .RequireAuthorization(Policies.FamilyDoctorWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("体征：收缩压 60–260、舒张压 30–160 mmHg（低于收缩压）、脉搏 30–220 次/分、体温 34.0–43.0 ℃、血糖 1.0–35.0 mmol/L、血氧 50–100 %、体重 20–200 kg");
        g.MapPost("/{id:long}/services/{code}", async Task<Ok<VisitDto>> (long id, string code, ServiceRecordInput input, HomeCareService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.RecordServiceAsync(id, code, input, ct)))
            .RequireAuthorization(Policies.FamilyDoctorWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("服务项目：done 完成 / skipped 跳过（须填原因）；不在计划中的编码为加做服务（须填 serviceName）");
        g.MapPost("/{id:long}/complete", async Task<Ok<VisitDto>> (long id, CompleteInput input, HomeCareService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.CompleteAsync(id, input, ct)))
            .RequireAuthorization(Policies.FamilyDoctorWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("签退完成：须已签到且计划服务均已完成或注明跳过原因（否则 409，openServices 列出未完成项）；记录本人或家属确认");
    }
}
