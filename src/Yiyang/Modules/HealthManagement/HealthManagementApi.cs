using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.HealthManagement;

/// <summary>
/// <c>/api/health-checks</c>, <c>/api/tcm-management</c>, <c>/api/chronic-followups</c>, <c>/api/vaccinations</c> and
/// <c>/api/indicators/health-management</c>.
/// </summary>
public static class HealthManagementApi
{
    public static void MapHealthManagement(this IEndpointRouteBuilder app)
    {
        var checks = app.MapGroup("/api/health-checks").WithTags("HealthManagement").RequireAuthorization(Policies.HealthManagementRead);
        checks.MapGet("/", async Task<Ok<IReadOnlyList<HealthCheckDto>>> ([FromQuery] long? elderId, HealthManagementService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListChecksAsync(elderId, ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("一位老年人的年度健康管理记录，最新年份在前");
        checks.MapPost("/", async Task<Created<HealthCheckDto>> (HealthCheckInput input, HealthManagementService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.CreateCheckAsync(input, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Created($"/api/health-checks/{dto.Id}", dto);
            })
            .RequireAuthorization(Policies.HealthManagementWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("录入年度健康管理记录（每人每年一份）：生活方式、生活自理能力（按 phs-selfcare 计分）、认知情感、体格检查（BMI 自动计算）、辅助检查、健康指导、转诊；返回完整性及缺项");
        checks.MapGet("/{id:long}", async Task<Ok<HealthCheckDto>> (long id, HealthManagementService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.GetCheckAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .ProducesProblem(404);
        checks.MapPut("/{id:long}", async Task<Ok<HealthCheckDto>> (long id, HealthCheckInput input, HealthManagementService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.UpdateCheckAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(Policies.HealthManagementWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("更正未签署的记录（整体替换，需 version 或 If-Match）；已签署的返回 409");
        checks.MapPost("/{id:long}/sign", async Task<Ok<HealthCheckDto>> (long id, HealthManagementService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.SignCheckAsync(id, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(Policies.HealthManagementWrite).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("签署记录（仅完整的记录可签署），此后不可修改");

        var tcm = app.MapGroup("/api/tcm-management").WithTags("HealthManagement").RequireAuthorization(Policies.HealthManagementRead);
        tcm.MapGet("/", async Task<Ok<IReadOnlyList<TcmDto>>> ([FromQuery] long? elderId, HealthManagementService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListTcmAsync(elderId, ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("一位老年人的中医药健康管理记录，最新年份在前");
        tcm.MapPost("/", async Task<Created<TcmDto>> (TcmInput input, HealthManagementService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.CreateTcmAsync(input, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Created($"/api/tcm-management/{dto.Id}", dto);
            })
            .RequireAuthorization(Policies.HealthManagementWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("录入中医药健康管理记录（每人每年一份）：33 题按 tcm-constitution-65 计分、辨识体质，记录给予的保健指导（情志、饮食、起居、运动、穴位）");
        tcm.MapGet("/{id:long}", async Task<Ok<TcmDto>> (long id, HealthManagementService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.GetTcmAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .ProducesProblem(404);
        tcm.MapPut("/{id:long}", async Task<Ok<TcmDto>> (long id, TcmInput input, HealthManagementService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.UpdateTcmAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(Policies.HealthManagementWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("更正未签署的记录（需 version 或 If-Match）");
        tcm.MapPost("/{id:long}/sign", async Task<Ok<TcmDto>> (long id, HealthManagementService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.SignTcmAsync(id, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(Policies.HealthManagementWrite).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("签署记录（保健指导完整后可签署），此后不可修改");

        var followups = app.MapGroup("/api/chronic-followups").WithTags("HealthManagement").RequireAuthorization(Policies.HealthManagementRead);
        followups.MapGet("/", async Task<Ok<FollowupYear>> ([FromQuery] long? elderId, [FromQuery] int? year, HealthManagementService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.FollowupsAsync(elderId, year, ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("一位老年人某年的慢性病随访及每种疾病的随访次数（每年至少 4 次）");
        followups.MapPost("/", async Task<Created<FollowupDto>> (FollowupInput input, HealthManagementService svc, CancellationToken ct) =>
            {
                var dto = await svc.CreateFollowupAsync(input, ct);
                return TypedResults.Created($"/api/chronic-followups?elderId={dto.ElderId}&year={dto.FollowedOn.Year}", dto);
            })
            .RequireAuthorization(Policies.HealthManagementWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("高血压 / 2 型糖尿病随访：日期、方式（门诊/家庭/电话）、症状、血压/空腹血糖、服药依从性、分类、下次随访日期");

        var vaccinations = app.MapGroup("/api/vaccinations").WithTags("HealthManagement").RequireAuthorization(Policies.HealthManagementRead);
        vaccinations.MapGet("/", async Task<Ok<IReadOnlyList<VaccinationDto>>> ([FromQuery] long? elderId, HealthManagementService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.VaccinationsAsync(elderId, ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("一位老年人的流感、肺炎球菌疫苗接种记录");
        vaccinations.MapPost("/", async Task<Created<VaccinationDto>> (VaccinationInput input, HealthManagementService svc, CancellationToken ct) =>
            {
                var dto = await svc.CreateVaccinationAsync(input, ct);
                return TypedResults.Created($"/api/vaccinations?elderId={dto.ElderId}", dto);
            })
            .RequireAuthorization(Policies.HealthManagementWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("登记疫苗接种：flu 流感疫苗、ppsv23、pcv13，接种日期");

        app.MapGet("/api/indicators/health-management", async Task<Ok<HealthManagementIndicators>> (
                [FromQuery] string? regionCode, [FromQuery] int? year, [FromQuery] string? drill, [FromQuery] int? page, [FromQuery] int? pageSize,
                IndicatorService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ComputeAsync(regionCode, year, drill, page, pageSize, ct)))
            .WithTags("HealthManagement").RequireAuthorization(Policies.HealthManagementRead).ProducesProblem(400)
            .WithSummary("乡镇（9 位）/区县（6 位）/市（4 位）某年的老年人健康管理率、中医药健康管理率、失能老年人能力评估覆盖率（分子、分母、比率、目标）及 drill 指标的贡献记录（分页，姓名脱敏）");
    }
}
