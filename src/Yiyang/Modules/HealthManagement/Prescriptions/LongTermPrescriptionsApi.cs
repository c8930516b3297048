using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.HealthManagement.Prescriptions;

/// <summary><c>/api/long-term-prescriptions</c>: 长期处方 — prescribe, read, list by elder, dispense, stop, expiring reminders.</summary>
public static class LongTermPrescriptionsApi
{
    public static void MapLongTermPrescriptions(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/long-term-prescriptions").WithTags("HealthManagement").RequireAuthorization(HealthManagementPolicies.PrescriptionsRead);
        g.MapGet("/", async Task<Ok<IReadOnlyList<PrescriptionDto>>> ([FromQuery] long? elderId, PrescriptionService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListAsync(elderId, ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("一位老年人的长期处方（含药品与取药记录），最新在前");
        g.MapGet("/expiring", async Task<Ok<IReadOnlyList<ExpiringPrescription>>> ([FromQuery] int? days, PrescriptionService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ExpiringAsync(days, ct)))
            .ProducesProblem(400)
            .WithSummary("本团队（权限范围内）将在 days 天内（默认 14 天）到期的有效长期处方");
        g.MapPost("/", async Task<Created<PrescriptionDto>> (PrescriptionInput input, PrescriptionService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.CreateAsync(input, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Created($"/api/long-term-prescriptions/{dto.Id}", dto);
            })
            .RequireAuthorization(HealthManagementPolicies.PrescriptionsWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("开具长期处方：慢性病诊断（ICD-10）、病情稳定确认、药品（名称、规格、剂量、频次、途径、类别、每次数量、每次天数）、开始日期、有效期（≤84 天）；每次取药超过 28 天须评估意见与患者确认；同一疾病仅一张有效处方");
        g.MapGet("/{id:long}", async Task<Ok<PrescriptionDto>> (long id, PrescriptionService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.GetAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .ProducesProblem(404);
        g.MapPost("/{id:long}/dispense", async Task<Ok<PrescriptionDto>> (long id, DispenseInput input, PrescriptionService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.DispenseAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(HealthManagementPolicies.Write).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("记录取药（调配）：上次用量剩余不超过 7 天时方可再取；已停用或已过期的处方拒绝（409）；需 version 或 If-Match");
        g.MapPost("/{id:long}/stop", async Task<Ok<PrescriptionDto>> (long id, StopInput input, PrescriptionService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.StopAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(HealthManagementPolicies.PrescriptionsWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("停用长期处方（需填写原因；需 version 或 If-Match）");
    }
}
