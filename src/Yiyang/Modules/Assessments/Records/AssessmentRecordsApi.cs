using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Assessments.Records;

/// <summary><c>/api/assessments</c>: saved, signed and corrected assessments of elders; the reassessment list.</summary>
public static class AssessmentRecordsApi
{
    public static void MapAssessmentRecords(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/assessments").WithTags("Assessments").RequireAuthorization(Policies.AssessmentsScore);

        g.MapGet("/", async Task<Ok<IReadOnlyList<AssessmentDto>>> ([FromQuery] long? elderId, AssessmentService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListAsync(elderId, ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("一位老年人的评估（含各更正版本），最新在前");

        g.MapGet("/due", async Task<Ok<DueList>> ([FromQuery] string? regionCode, [FromQuery] DateOnly? before, AssessmentService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.DueAsync(regionCode, before, ct)))
            .ProducesProblem(400)
            .WithSummary("需复评的老年人：最近一次已签署的能力评估到期或逾期，失能/失智但从未评估，或有需即时评估的变化");

        g.MapPost("/", async Task<Created<AssessmentDto>> (AssessmentInput input, AssessmentService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.CreateAsync(input, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Created($"/api/assessments/{dto.Id}", dto);
            })
            .RequireAuthorization(Policies.EldersWrite).ProducesProblem(400).ProducesProblem(404)
            .WithSummary("录入评估（草稿）：老年人、量表、原因、日期、评估员（GB/T 42195 需两名）、答案；按量表计分后保存");

        g.MapGet("/{id:long}", async Task<Ok<AssessmentDto>> (long id, AssessmentService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.GetAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .ProducesProblem(404);

        g.MapPut("/{id:long}", async Task<Ok<AssessmentDto>> (long id, AssessmentInput input, AssessmentService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.UpdateAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(Policies.EldersWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("修改草稿（需 version 或 If-Match）；已签署的评估返回 409");

        g.MapPost("/{id:long}/sign", async Task<Ok<AssessmentDto>> (long id, AssessmentService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.SignAsync(id, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(Policies.EldersWrite)
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("签署评估：此后不可修改；能力评估与长护险评估得到下次评估日期");

        g.MapPost("/{id:long}/corrections", async Task<Created<AssessmentDto>> (long id, AssessmentInput input, AssessmentService svc, CancellationToken ct) =>
            {
                var dto = await svc.CorrectAsync(id, input, ct);
                return TypedResults.Created($"/api/assessments/{dto.Id}", dto);
            })
            .RequireAuthorization(Policies.EldersWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("更正已签署的评估：生成关联原评估的新版本（草稿），原评估保留并标记为已更正；每个版本只能更正一次");
    }
}
