namespace Yiyang.Modules.Supervision;

/// <summary>一件申请: kind, organization, clock, required and uploaded documents, decision and licence.</summary>
public sealed class GetLicenceApplication(LicensingAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<LicenceApplicationDto>> (long id, GetLicenceApplication handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(403, 404)
            .WithSummary("许可申请详情（审批部门监管人员、申请机构管理员）");

    public async Task<LicenceApplicationDto> HandleAsync(long id, CancellationToken ct) => await access.ToDtoAsync(await access.LoadForReadAsync(id, ct), ct);
}
