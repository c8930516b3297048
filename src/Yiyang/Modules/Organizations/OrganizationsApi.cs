using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Organizations;

public static class OrganizationsApi
{
    public static void MapOrganizations(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/organizations").WithTags("Organizations").RequireAuthorization(Policies.OrganizationsRead);

        g.MapGet("/", async Task<Ok<PagedList<OrganizationDto>>> ([FromQuery] string? q, [FromQuery] string? kind,
                [FromQuery] string? regionCode, [FromQuery] bool? nonCompliant, [FromQuery] int? page, [FromQuery] int? pageSize,
                OrganizationService svc, CancellationToken ct) =>
            TypedResults.Ok(await svc.ListAsync(new OrganizationQuery(q, kind, regionCode, nonCompliant, page, pageSize), ct)));

        g.MapGet("/{id:long}", async Task<Ok<OrganizationDto>> (long id, OrganizationService svc, HttpContext http, CancellationToken ct) =>
        {
            var dto = await svc.GetAsync(id, ct);
            http.Response.Headers.ETag = Etags.For(dto.Version);
            return TypedResults.Ok(dto);
        }).ProducesProblem(404);

        g.MapPost("/", async Task<Created<OrganizationDto>> (OrganizationInput input, OrganizationService svc, HttpContext http, CancellationToken ct) =>
        {
            var o = await svc.CreateAsync(input, ct);
            var dto = await svc.GetAsync(o.Id, ct);
            http.Response.Headers.ETag = Etags.For(dto.Version);
            return TypedResults.Created($"/api/organizations/{o.Id}", dto);
        }).RequireAuthorization(Policies.OrganizationsWrite).ProducesProblem(400).ProducesProblem(409);

        g.MapPut("/{id:long}", async Task<Ok<OrganizationDto>> (long id, OrganizationInput input, OrganizationService svc, HttpContext http, CancellationToken ct) =>
        {
            await svc.UpdateAsync(id, input, Etags.Parse(http.Request.Headers.IfMatch.ToString()), ct);
            var dto = await svc.GetAsync(id, ct);
            http.Response.Headers.ETag = Etags.For(dto.Version);
            return TypedResults.Ok(dto);
        }).RequireAuthorization(Policies.OrganizationsWrite).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
    }
}
