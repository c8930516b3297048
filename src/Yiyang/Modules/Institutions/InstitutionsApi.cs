using Microsoft.AspNetCore.Http.HttpResults;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Institutions;

public static class InstitutionsApi
{
    public static void MapInstitutions(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/institutions").WithTags("Institutions").RequireAuthorization(Policies.InstitutionsWrite);

        g.MapPost("/{orgId:long}/beds", async Task<Created<BedDto>> (long orgId, BedInput input, InstitutionService svc, CancellationToken ct) =>
            {
                var bed = await svc.CreateBedAsync(orgId, input, ct);
                return TypedResults.Created($"/api/institutions/{orgId}/beds/{bed.Id}", bed);
            })
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("新增床位：病区、房间、床号（机构内唯一）与核定类型 elder-care 养老 / nursing 护理型 / medical 医疗 / hospice 安宁疗护");
        g.MapGet("/{orgId:long}/beds", async Task<Ok<IReadOnlyList<BedDto>>> (long orgId, InstitutionService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListBedsAsync(orgId, ct)))
            .ProducesProblem(404)
            .WithSummary("机构床位及当前住户（姓名脱敏）");
        g.MapGet("/{orgId:long}/occupancy", async Task<Ok<OccupancyDto>> (long orgId, InstitutionService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.OccupancyAsync(orgId, ct)))
            .ProducesProblem(404)
            .WithSummary("床位使用率：总体及按床位类型（床位数、在住数、使用率）");
        g.MapPost("/{orgId:long}/admissions", async Task<Created<StayDto>> (long orgId, AdmissionInput input, InstitutionService svc, HttpContext http, CancellationToken ct) =>
            {
                var stay = await svc.AdmitAsync(orgId, input, ct);
                http.Response.Headers.ETag = Etags.For(stay.Version);
                return TypedResults.Created($"/api/institutions/stays/{stay.Id}", stay);
            })
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("入住：elderId（本机构可见的老人），或 idNumber + name（凭身份证办理，在全市档案中查找，身份证号与姓名须相符）；一张床位同一时间只住一位老人，一位老人同一时间只在一家机构入住（否则 409）");
        g.MapGet("/stays/{id:long}", async Task<Ok<StayDto>> (long id, InstitutionService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.GetAsync(id, ct)))
            .ProducesProblem(404);
        g.MapPost("/stays/{id:long}/transfer", async Task<Ok<StayDto>> (long id, TransferInput input, InstitutionService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.TransferAsync(id, input, ct)))
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("转床：同一机构内转入空闲床位");
        g.MapPost("/stays/{id:long}/discharge", async Task<Ok<StayDto>> (long id, DischargeInput input, InstitutionService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.DischargeAsync(id, input, ct)))
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("离院：discharged 出院 / left 离院 / died 死亡；床位随即空出");
        g.MapPost("/stays/{id:long}/leaves", async Task<Created<LeaveDto>> (long id, LeaveInput input, InstitutionService svc, CancellationToken ct) =>
            {
                var leave = await svc.StartLeaveAsync(id, input, ct);
                return TypedResults.Created($"/api/institutions/stays/{id}/leaves", leave);
            })
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("外出：personal 请假 / hospitalised 住院；床位保留；同一入住同时只能有一条未返回的外出（否则 409）");
        g.MapPost("/stays/{id:long}/leaves/return", async Task<Ok<LeaveDto>> (long id, LeaveReturnInput input, InstitutionService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ReturnAsync(id, input, ct)))
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("外出返回：登记实际返回日期");
        g.MapGet("/stays/{id:long}/leaves", async Task<Ok<IReadOnlyList<LeaveDto>>> (long id, InstitutionService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.LeavesAsync(id, ct)))
            .ProducesProblem(404)
            .WithSummary("入住期间的外出记录（新的在前）");

        g.MapPost("/beds/{bedId:long}/conversions", async Task<Created<ConversionDto>> (long bedId, ConversionInput input, InstitutionService svc, CancellationToken ct) =>
            {
                var c = await svc.RequestConversionAsync(bedId, input, ct);
                return TypedResults.Created($"/api/institutions/conversions/{c.Id}", c);
            })
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("床位转换申请：养老 ↔ 医疗用途（核定类型不变）；同一床位同时只能有一条待审批申请（否则 409）");
        var r = app.MapGroup("/api/institutions/conversions").WithTags("Institutions");
        r.MapGet("", async Task<Ok<IReadOnlyList<ConversionDto>>> (InstitutionService svc, CancellationToken ct) => TypedResults.Ok(await svc.ConversionsAsync(ct)))
            .RequireAuthorization(Policies.AnyUser)
            .WithSummary("床位转换申请：机构看本机构的，监管人员看本辖区的（待审批在前）");
        r.MapPost("/{id:long}/approve", async Task<Ok<ConversionDto>> (long id, ConversionDecisionInput input, InstitutionService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.DecideConversionAsync(id, true, input, ct)))
            .RequireAuthorization(Policies.BedConversionDecide)
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("批准床位转换：转为医疗用途由卫健局、转为养老用途由民政局审批（其他部门 403）");
        r.MapPost("/{id:long}/reject", async Task<Ok<ConversionDto>> (long id, ConversionDecisionInput input, InstitutionService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.DecideConversionAsync(id, false, input, ct)))
            .RequireAuthorization(Policies.BedConversionDecide)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("驳回床位转换（须填写理由）");
    }
}
