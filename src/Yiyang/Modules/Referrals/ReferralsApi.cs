using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Referrals;

public static class ReferralsApi
{
    public static void MapReferrals(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/referrals").WithTags("Referrals").RequireAuthorization(Policies.Referrals);

        g.MapPost("/", async Task<Created<ReferralDto>> (ReferralInput input, ReferralService svc, HttpContext http, CancellationToken ct) =>
            {
                var r = await svc.CreateAsync(input, ct);
                http.Response.Headers.ETag = Etags.For(r.Version);
                return TypedResults.Created($"/api/referrals/{r.Id}", r);
            })
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("发起转诊：direction up 上转（转出单：initialImpression 初步印象、presentHistory 主要现病史必填）/ down 下转（回转单：diagnosis、nextStepAdvice 必填，destination community/care-home/family-sickbed）");
        g.MapGet("/", async Task<Ok<PagedList<ReferralListItem>>> (
                [FromQuery] string? box, [FromQuery] long? organizationId, [FromQuery] string? status, [FromQuery] string? direction,
                [FromQuery] int? page, [FromQuery] int? pageSize, ReferralService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListAsync(new ReferralQuery(box, organizationId, status, direction, page, pageSize), ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("收件箱 box=inbox（发给本机构）/ 发件箱 box=outbox（本机构发出），可按状态、方向筛选；含等待时长（分钟）");
        // statistics: also for regulators, so outside the group's policy
        app.MapGet("/api/referrals/stats", async Task<Ok<ReferralStatsDto>> (
                [FromQuery] long? organizationId, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, ReferralService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.StatsAsync(organizationId, from, to, ct)))
            .WithTags("Referrals").RequireAuthorization(Policies.ReferralStats)
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("转诊统计：发出/收到的数量（按方向、状态）、接收率、申请至接收与申请至到达的平均/中位分钟数（缺省近 30 天）");
        g.MapGet("/{id:long}", async Task<Ok<ReferralDto>> (long id, ReferralService svc, HttpContext http, CancellationToken ct) =>
            {
                var r = await svc.GetAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(r.Version);
                return TypedResults.Ok(r);
            })
            .ProducesProblem(404)
            .WithSummary("转诊详情（转出机构与接收机构可见，老人姓名对接收方脱敏；查看留痕）");

        foreach (var (path, action, summary) in new[]
                 {
                     ("accept", ReferralAction.Accept, "接收（申请 → 已接收），仅接收机构"),
                     ("reject", ReferralAction.Reject, "拒绝（申请 → 已拒绝），仅接收机构，须填 reason"),
                     ("withdraw", ReferralAction.Withdraw, "撤回（申请 → 已撤回），仅转出机构，对方接收前"),
                     ("arrive", ReferralAction.Arrive, "登记到达（已接收 → 已到达），仅接收机构"),
                     ("complete", ReferralAction.Complete, "完成（已到达 → 已完成）：上转未回转即结束，或下转基层接续；回转单完成时原上转一并完成"),
                 })
        {
            g.MapPost($"/{{id:long}}/{path}", async Task<Ok<ReferralDto>> (long id, TransitionInput? input, ReferralService svc, HttpContext http, CancellationToken ct) =>
                {
                    var r = await svc.TransitionAsync(id, action, input ?? new TransitionInput(null, null, null, null),
                        Etags.Parse(http.Request.Headers.IfMatch), ct);
                    http.Response.Headers.ETag = Etags.For(r.Version);
                    return TypedResults.Ok(r);
                })
                .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
                .WithSummary(summary + "；状态不允许时 409");
        }
        g.MapPost("/{id:long}/return", async Task<Created<ReferralDto>> (long id, ReturnInput input, ReferralService svc, HttpContext http, CancellationToken ct) =>
            {
                var down = await svc.ReturnAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch), ct);
                return TypedResults.Created($"/api/referrals/{down.Id}", down);
            })
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("回转：医院为已到达的上转开具回转单（diagnosis 诊断结果、nextStepAdvice 下一步治疗方案及康复建议必填），生成发往原转出机构的下转；原上转变为已回转");
        g.MapPost("/{id:long}/open-sickbed", async Task<Ok<ReferralDto>> (
                long id, OpenSickbedInput input, ReferralService svc, Sickbeds.SickbedService sickbeds, HttpContext http, CancellationToken ct) =>
            {
                var r = await svc.OpenSickbedAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch), sickbeds, ct);
                http.Response.Headers.ETag = Etags.For(r.Version);
                return TypedResults.Ok(r);
            })
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("下转接续：接收机构据已接收/已到达的下转申请家庭病床（diagnosisCode ICD-10 必填，诊断名称与理由缺省取回转单），每个转诊仅一次");
        g.MapPost("/{id:long}/admit", async Task<Ok<ReferralDto>> (
                long id, ReferralAdmitInput input, ReferralService svc, Institutions.InstitutionService institutions, HttpContext http, CancellationToken ct) =>
            {
                var r = await svc.AdmitAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch), institutions, ct);
                http.Response.Headers.ETag = Etags.For(r.Version);
                return TypedResults.Ok(r);
            })
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("下转接续：接收的养老机构据已接收/已到达的下转安排入住本机构床位（bedId 必填，其余同入住登记），每个转诊仅一次");
        g.MapPost("/{id:long}/attachments", async Task<Created<AttachmentDto>> (long id, AttachmentInput input, ReferralService svc, CancellationToken ct) =>
            {
                var a = await svc.AddAttachmentAsync(id, input, ct);
                return TypedResults.Created($"/api/referrals/{id}/attachments/{a.Id}", a);
            })
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("添加附件：fileName、contentType（application/pdf、image/jpeg、image/png）、contentBase64（≤ 2 MB）");
        g.MapGet("/{id:long}/attachments/{attachmentId:long}", async Task<FileContentHttpResult> (long id, long attachmentId, ReferralService svc, CancellationToken ct) =>
            {
                var (name, type, content) = await svc.GetAttachmentAsync(id, attachmentId, ct);
                return TypedResults.File(content, type, name);
            })
            .ProducesProblem(404)
            .WithSummary("下载附件（留痕）");
    }
}
