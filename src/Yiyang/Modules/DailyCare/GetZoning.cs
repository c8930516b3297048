namespace Yiyang.Modules.DailyCare;

/// <summary>感染防控分区 of an institution as read by its staff and the region's regulators (audited).</summary>
public sealed class GetZoning(AuditTrail audit, ZoningAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("", async Task<Ok<ZoningDto>> (long orgId, GetZoning handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(orgId, ct)))
            .RequireAuthorization(Policies.AnyUser)
            .ProducesProblems(404)
            .WithSummary("感染防控分区：区域、是否医养分区、房间所属区域；生活照护区内的医疗用途床位列为提醒（本机构人员与辖区监管人员可看）");

    public async Task<ZoningDto> HandleAsync(long orgId, CancellationToken ct)
    {
        await access.InstitutionAsync(orgId, false, ct);
        var dto = await access.ReadAsync(orgId, ct);
        await audit.RecordAsync("daily-care.zoning.view", "organization", orgId.ToString(), null);
        return dto;
    }
}
