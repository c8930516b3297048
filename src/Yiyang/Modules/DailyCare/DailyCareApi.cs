using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.DailyCare;

public static class DailyCareApi
{
    public static void MapDailyCare(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/daily-care").WithTags("DailyCare").RequireAuthorization(Policies.DailyCareRecord);

        g.MapGet("/institutions/{orgId:long}/checklist", async Task<Ok<InstitutionChecklistDto>> (long orgId, DateOnly? date, DailyCareService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.InstitutionChecklistAsync(orgId, date, ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("机构某日（默认今天）照护清单：全部在住老人及应做 / 已完成 / 未完成 / 待办数；外出老人标为外出、无需登记");
        g.MapGet("/stays/{stayId:long}/checklist", async Task<Ok<StayChecklistDto>> (long stayId, DateOnly? date, DailyCareService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.StayChecklistAsync(stayId, date, ct)))
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("某位住户某日应做的照护计划项目（按频次分配到日期）及登记情况");
        g.MapPost("/stays/{stayId:long}/records", async Task<Created<StayChecklistDto>> (long stayId, RecordBatchInput input, DailyCareService svc, CancellationToken ct) =>
            {
                var list = await svc.RecordAsync(stayId, input, ct);
                return TypedResults.Created($"/api/daily-care/stays/{stayId}/checklist?date={list.Date:yyyy-MM-dd}", list);
            })
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("登记照护记录（可一次多项，全部成功或全部不保存）：done 已完成 / not-done 未完成 + 原因 refused 拒绝 / out 外出 / hospitalised 住院 / physical 身体原因 / other 其他（须说明）；同一项目同日同次只能登记一次（否则 409）");
        g.MapPut("/records/{id:long}", async Task<Ok<CareRecordDto>> (long id, CorrectionInput input, [FromHeader(Name = "If-Match")] string? ifMatch, DailyCareService svc,
                HttpContext http, CancellationToken ct) =>
            {
                var r = await svc.CorrectAsync(id, input, Etags.Parse(ifMatch), ct);
                http.Response.Headers.ETag = Etags.For(r.Version);
                return TypedResults.Ok(r);
            })
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("更正照护记录：仅限登记当天；需 If-Match 或 version");
        g.MapGet("/institutions/{orgId:long}/completion", async Task<Ok<CompletionDto>> (long orgId, string? month, DailyCareService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.CompletionAsync(orgId, month, ct)))
            .RequireAuthorization(Policies.DailyCareStats)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("机构管理员：某月（yyyy-MM，默认本月）每位住户的照护完成率（已完成 / 应做，外出日不计）");

        var m = app.MapGroup("/api/daily-care/stays/{stayId:long}/encounters").WithTags("DailyCare").RequireAuthorization(Policies.InstitutionCareMedical);
        m.MapPost("", async Task<Created<EncounterDto>> (long stayId, EncounterInput input, MedicalRoomService svc, CancellationToken ct) =>
            {
                var e = await svc.CreateAsync(stayId, input, ct);
                return TypedResults.Created($"/api/daily-care/stays/{stayId}/encounters", e);
            })
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("医务室就诊：主诉、体征（合理范围同上门服务）、检查所见、医嘱（long-term 长期 / temporary 临时，可填药品与剂量）、处置 observe 留观 / refer 转诊 / return 回住处；转诊给出转诊单链接，不自动发起");
        m.MapGet("", async Task<Ok<IReadOnlyList<EncounterDto>>> (long stayId, MedicalRoomService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListAsync(stayId, ct)))
            .ProducesProblem(404)
            .WithSummary("住户的医务室就诊记录（新的在前）");

        var z = app.MapGroup("/api/daily-care/institutions/{orgId:long}/zoning").WithTags("DailyCare");
        z.MapGet("", async Task<Ok<ZoningDto>> (long orgId, ZoningService svc, CancellationToken ct) => TypedResults.Ok(await svc.GetAsync(orgId, ct)))
            .RequireAuthorization(Policies.AnyUser)
            .ProducesProblem(404)
            .WithSummary("感染防控分区：区域、是否医养分区、房间所属区域；生活照护区内的医疗用途床位列为提醒（本机构人员与辖区监管人员可看）");
        z.MapPut("", async Task<Ok<ZoningDto>> (long orgId, ZoningInput input, [FromHeader(Name = "If-Match")] string? ifMatch, ZoningService svc, HttpContext http,
                CancellationToken ct) =>
            {
                var d = await svc.UpdateAsync(orgId, input, Etags.Parse(ifMatch), ct);
                http.Response.Headers.ETag = Etags.For(d.Version);
                return TypedResults.Ok(d);
            })
            .RequireAuthorization(Policies.InstitutionCareZoning)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("机构管理员整体保存分区：areas（name、kind care/medical/isolation/other、building、floor、note）与 rooms（ward、room、area=区域名称）；已有分区时需 If-Match 或 version");
    }
}
