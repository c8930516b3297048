using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Organizations;

public static class OrganizationsApi
{
    public static void MapOrganizations(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/organizations").WithTags("Organizations").RequireAuthorization(OrganizationPolicies.Read).WithETags();

        g.MapGet("/", async Task<Ok<PagedList<OrganizationDto>>> ([FromQuery] string? q, [FromQuery] string? kind,
                [FromQuery] string? regionCode, [FromQuery] bool? nonCompliant, [FromQuery] int? page, [FromQuery] int? pageSize,
                OrganizationService svc, CancellationToken ct) =>
            TypedResults.Ok(await svc.ListAsync(new OrganizationQuery(q, kind, regionCode, nonCompliant, page, pageSize), ct)));

        g.MapGet("/{id:long}", async Task<Ok<OrganizationDto>> (long id, OrganizationService svc, CancellationToken ct) =>
            TypedResults.Ok(await svc.GetAsync(id, ct))).ProducesProblems(404);

        g.MapPost("/", async Task<Created<OrganizationDto>> (OrganizationInput input, OrganizationService svc, CancellationToken ct) =>
        {
            var o = await svc.CreateAsync(input, ct);
            return TypedResults.Created($"/api/organizations/{o.Id}", await svc.GetAsync(o.Id, ct));
        }).RequireAuthorization(OrganizationPolicies.Write).ProducesProblems(400, 409);

        g.MapPut("/{id:long}", async Task<Ok<OrganizationDto>> (long id, OrganizationInput input, IfMatch ifMatch, OrganizationService svc, CancellationToken ct) =>
        {
            await svc.UpdateAsync(id, input, ifMatch.Version, ct);
            return TypedResults.Ok(await svc.GetAsync(id, ct));
        }).RequireAuthorization(OrganizationPolicies.Write).ProducesProblems(400, 404, 409, 412);
    }
}
