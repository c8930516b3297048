namespace Yiyang.Modules.Supervision;

/// <summary>
/// 检查记录: an inspection with its items, photos, signature state, inspectors and findings. The drawn inspectors read
/// drafts and see the organization's recorded zoning; the plan's regulators and the organization's admin read finished ones.
/// </summary>
public sealed class GetInspection(InspectionAccess access, InspectionQueries queries)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<InspectionDto>> (long id, GetInspection handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .RequireAuthorization(SupervisionPolicies.ReadInspections)
            .ProducesProblems(403, 404)
            .WithSummary("检查记录（被抽中的监督员可看检查中的记录和机构登记的院感分区；计划所属部门监管人员和被检查机构管理员只看已完成的）");

    public async Task<InspectionDto> HandleAsync(long id, CancellationToken ct)
    {
        var i = await access.LoadForReadAsync(id, ct);
        return await queries.ToDtoAsync(i, withZoning: access.User.Can(SupervisionPolicies.Inspect), ct);
    }
}
