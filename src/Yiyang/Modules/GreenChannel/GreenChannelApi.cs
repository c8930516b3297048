using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.GreenChannel;

public static class GreenChannelApi
{
    public static void MapGreenChannel(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/green-channel").WithTags("GreenChannel").RequireAuthorization(Policies.GreenChannel);

        g.MapPost("/quotas", async Task<Created<QuotaDto>> (QuotaInput input, GreenChannelService svc, CancellationToken ct) =>
            {
                var q = await svc.CreateQuotaAsync(input, ct);
                return TypedResults.Created($"/api/green-channel/quotas/{q.Id}", q);
            })
            .ProducesProblem(400).ProducesProblem(409)
            .WithSummary("医院科室在含“绿色通道”的生效签约协议下设置每日名额（1–100；医院机构管理员或平台管理员）");
        g.MapPut("/quotas/{id:long}", async Task<Ok<QuotaDto>> (long id, QuotaUpdateInput input, GreenChannelService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.UpdateQuotaAsync(id, input, ct)))
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("调整科室每日名额（1–100；医院机构管理员或平台管理员）：可随时调高；调低时不得少于今天及以后任一天的已约数，也不得低于已发出的预约号，否则 409 并指明日期");
        g.MapGet("/quotas", async Task<Ok<IReadOnlyList<QuotaDto>>> ([FromQuery] DateOnly? date, GreenChannelService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.QuotasAsync(date, ct)))
            .WithSummary("本机构提供或可用的名额及某日已约、剩余数；open = 协议在有效期内");
        g.MapPost("/appointments", async Task<Created<AppointmentDto>> (AppointmentInput input, GreenChannelService svc, HttpContext http, CancellationToken ct) =>
            {
                var a = await svc.BookAsync(input, ct);
                http.Response.Headers.ETag = Etags.For(a.Version);
                return TypedResults.Created($"/api/green-channel/appointments/{a.Id}", a);
            })
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("预约：在科室每日名额内分配最小空闲号（数据库唯一约束保证不超额，并发时顺延），约满或协议不在有效期内 409");
        g.MapGet("/appointments", async Task<Ok<IReadOnlyList<AppointmentDto>>> (
                [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, [FromQuery] string? status, GreenChannelService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListAsync(from, to, status, ct)))
            .ProducesProblem(400)
            .WithSummary("本机构的绿色通道预约（预约方或接诊医院），可按日期、状态筛选");
        g.MapGet("/appointments/{id:long}", async Task<Ok<AppointmentDto>> (long id, GreenChannelService svc, HttpContext http, CancellationToken ct) =>
            {
                var a = await svc.GetAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(a.Version);
                return TypedResults.Ok(a);
            })
            .ProducesProblem(404);
        foreach (var (path, action, summary) in new[]
                 {
                     ("confirm", AppointmentAction.Confirm, "医院确认（已预约 → 已确认）"),
                     ("arrive", AppointmentAction.Arrive, "医院登记到达（已确认 → 已到达）"),
                     ("serve", AppointmentAction.Serve, "医院登记就诊（已到达 → 已就诊），计算到达至就诊分钟数"),
                     ("cancel", AppointmentAction.Cancel, "取消（到达前，任一方，须填 reason），名额释放"),
                 })
        {
            g.MapPost($"/appointments/{{id:long}}/{path}", async Task<Ok<AppointmentDto>> (
                    long id, AppointmentTransitionInput? input, GreenChannelService svc, HttpContext http, CancellationToken ct) =>
                {
                    var a = await svc.TransitionAsync(id, action, input ?? new AppointmentTransitionInput(null, null), Etags.Parse(http.Request.Headers.IfMatch), ct);
                    http.Response.Headers.ETag = Etags.For(a.Version);
                    return TypedResults.Ok(a);
                })
                .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
                .WithSummary(summary + "；状态不允许时 409");
        }
    }
}
