using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

/// <summary>检查表: the current checklist of each bureau and organization kind (regulators read every bureau's).</summary>
public sealed class ListChecklists(ChecklistQueries queries, CurrentUser user)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/checklists", async Task<Ok<IReadOnlyList<ChecklistDto>>> ([FromQuery] string? bureau, [FromQuery] string? organizationKind,
                ListChecklists handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(bureau, organizationKind, ct)))
            .RequireAuthorization(SupervisionPolicies.ReadChecklists)
            .ProducesProblems(400, 403)
            .WithSummary("各部门、各类机构现行的检查表（最新版本及其检查项），可按部门、机构类别筛选");

    public async Task<IReadOnlyList<ChecklistDto>> HandleAsync(string? bureau, string? kind, CancellationToken ct)
    {
        user.Demand(SupervisionPolicies.ReadChecklists);
        var errors = new FieldErrors();
        if (bureau is not null && !Bureaus.All.Contains(bureau)) errors.Add("bureau", "部门只能是 health、civil-affairs 或 insurance。");
        if (kind is not null && OrganizationKinds.Parse(kind) is null) errors.Add("organizationKind", "机构类别只能是 medical、elderly-care 或 integrated。");
        errors.ThrowIfAny();
        return await queries.CurrentAsync(bureau, kind is null ? null : OrganizationKinds.Code(OrganizationKinds.Parse(kind)!.Value), ct);
    }
}
