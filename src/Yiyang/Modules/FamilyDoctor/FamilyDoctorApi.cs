using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.FamilyDoctor;

public static class FamilyDoctorApi
{
    public static void MapFamilyDoctor(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/family-doctor").WithTags("FamilyDoctor").RequireAuthorization(Policies.FamilyDoctorRead);

        // teams
        g.MapGet("/teams", async Task<Ok<IReadOnlyList<TeamDto>>> ([FromQuery] long? organizationId, FamilyDoctorService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.ListTeamsAsync(organizationId, ct)))
            .WithSummary("家庭医生团队（机构人员默认只看本机构）");
        g.MapPost("/teams", async Task<Created<TeamDto>> (TeamInput input, FamilyDoctorService svc, HttpContext http, CancellationToken ct) =>
            {
                var team = await svc.CreateTeamAsync(input, ct);
                http.Response.Headers.ETag = Etags.For(team.Version);
                return TypedResults.Created($"/api/family-doctor/teams/{team.Id}", team);
            })
            .RequireAuthorization(Policies.FamilyDoctorWrite).ProducesProblem(400).ProducesProblem(403)
            .WithSummary("建立家庭医生团队（成员及其角色）");
        g.MapGet("/teams/{id:long}", async Task<Ok<TeamDto>> (long id, FamilyDoctorService svc, HttpContext http, CancellationToken ct) =>
            {
                var team = await svc.GetTeamAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(team.Version);
                return TypedResults.Ok(team);
            })
            .ProducesProblem(404);
        g.MapPut("/teams/{id:long}", async Task<Ok<TeamDto>> (long id, TeamInput input, FamilyDoctorService svc, HttpContext http, CancellationToken ct) =>
            {
                var team = await svc.UpdateTeamAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(team.Version);
                return TypedResults.Ok(team);
            })
            .RequireAuthorization(Policies.FamilyDoctorWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("修改团队名称与成员（需 version 或 If-Match）");

        // packages
        g.MapGet("/packages", async Task<Ok<IReadOnlyList<PackageDto>>> ([FromQuery] long? organizationId, FamilyDoctorService svc, CancellationToken ct) =>
            TypedResults.Ok(await svc.ListPackagesAsync(organizationId, ct)));
        g.MapPost("/packages", async Task<Created<PackageDto>> (PackageInput input, FamilyDoctorService svc, CancellationToken ct) =>
            {
                var p = await svc.CreatePackageAsync(input, ct);
                return TypedResults.Created($"/api/family-doctor/packages/{p.Id}", p);
            })
            .RequireAuthorization(Policies.FamilyDoctorWrite).ProducesProblem(400).ProducesProblem(403)
            .WithSummary("建立签约服务包：服务项目（编码、名称、每周期次数）与年服务费（元/年）及支付方分担");
        g.MapGet("/packages/{id:long}", async Task<Ok<PackageDto>> (long id, FamilyDoctorService svc, HttpContext http, CancellationToken ct) =>
            {
                var p = await svc.GetPackageAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(p.Version);
                return TypedResults.Ok(p);
            })
            .ProducesProblem(404);
        g.MapPut("/packages/{id:long}", async Task<Ok<PackageDto>> (long id, PackageInput input, FamilyDoctorService svc, HttpContext http, CancellationToken ct) =>
            {
                var p = await svc.UpdatePackageAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                http.Response.Headers.ETag = Etags.For(p.Version);
                return TypedResults.Ok(p);
            })
            .RequireAuthorization(Policies.FamilyDoctorWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("修改服务包（项目、年服务费、停用；需 version 或 If-Match）；已签约的合同保留签约时的费用");

        // contracts
        g.MapGet("/contracts", async Task<Ok<PagedList<ContractDto>>> (
                [FromQuery] long? elderId, [FromQuery] long? teamId, [FromQuery] string? status, [FromQuery] string? regionCode,
                [FromQuery] int? page, [FromQuery] int? pageSize, FamilyDoctorService svc, CancellationToken ct) =>
            TypedResults.Ok(await svc.ListContractsAsync(new ContractQuery(elderId, teamId, status, regionCode, page, pageSize), ct)))
            .WithSummary("签约列表（按老人、团队、状态 active/expired/terminated、区划筛选）");
        g.MapPost("/contracts", async Task<Created<ContractDto>> (ContractInput input, FamilyDoctorService svc, HttpContext http, CancellationToken ct) =>
            {
                var c = await svc.SignAsync(input, ct);
                var dto = await svc.GetContractAsync(c.Id, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Created($"/api/family-doctor/contracts/{c.Id}", dto);
            })
            .RequireAuthorization(Policies.FamilyDoctorWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("签约：老人 + 团队 + 服务包 + 期限（默认 1 年）；每位老人只能有一份生效签约（否则 409）");
        g.MapGet("/contracts/{id:long}", async Task<Ok<ContractDto>> (long id, FamilyDoctorService svc, HttpContext http, CancellationToken ct) =>
            {
                var dto = await svc.GetContractAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .ProducesProblem(404);
        g.MapPost("/contracts/{id:long}/terminate", async Task<Ok<ContractDto>> (long id, TerminateInput input, FamilyDoctorService svc, HttpContext http, CancellationToken ct) =>
            {
                await svc.TerminateAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                var dto = await svc.GetContractAsync(id, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Ok(dto);
            })
            .RequireAuthorization(Policies.FamilyDoctorWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("解约（需填写原因，需 version 或 If-Match）");
        g.MapPost("/contracts/{id:long}/renew", async Task<Created<ContractDto>> (long id, RenewInput input, FamilyDoctorService svc, HttpContext http, CancellationToken ct) =>
            {
                var c = await svc.RenewAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
                var dto = await svc.GetContractAsync(c.Id, ct);
                http.Response.Headers.ETag = Etags.For(dto.Version);
                return TypedResults.Created($"/api/family-doctor/contracts/{c.Id}", dto);
            })
            .RequireAuthorization(Policies.FamilyDoctorWrite)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412)
            .WithSummary("续约：新签约关联原签约，原签约变为到期");

        g.MapGet("/coverage", async Task<Ok<CoverageReport>> ([FromQuery] string? regionCode, [FromQuery] int? year, FamilyDoctorService svc, CancellationToken ct) =>
                TypedResults.Ok(await svc.CoverageAsync(regionCode, year, ct)))
            .ProducesProblem(400)
            .WithSummary("签约覆盖：各乡镇（街道）签约人数 / 65 岁及以上人数、签约人数 / 台账行动不便老人数");
    }
}
