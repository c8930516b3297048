namespace Yiyang.Modules.Supervision;

public sealed record ConflictInput(long? OrganizationId, string? Reason);

/// <summary>
/// 登记回避关系: the bureau's regulator records that an inspector has a conflict of interest with an organization, with
/// the reason. Draws never assign the inspector to it (docs/domain/supervision.md#avoidance). A pair once (409).
/// </summary>
public sealed class RecordConflict(YiyangDb db, InspectorAccess access, TimeProvider clock, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/conflicts", async Task<Created<ConflictDto>> (long id, ConflictInput input, RecordConflict handler, CancellationToken ct) =>
            {
                var c = await handler.HandleAsync(id, input, ct);
                return TypedResults.Created($"/api/inspectors/{id}/conflicts", c);
            })
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("登记监督员与机构的利害关系（回避）及原因（本部门监管人员）；抽取时该监督员不会被派往该机构");

    public async Task<ConflictDto> HandleAsync(long id, ConflictInput input, CancellationToken ct)
    {
        var inspector = await access.LoadAsync(id, ct);
        var reason = (input.Reason ?? "").Trim();
        var errors = new FieldErrors();
        if (input.OrganizationId is null) errors.Add("organizationId", "请选择机构。");
        if (reason.Length is 0 or > 200) errors.Add("reason", "请填写回避原因（最多 200 个字）。");
        errors.ThrowIfAny();
        var org = await db.Organizations.AsNoTracking().Where(o => o.Id == input.OrganizationId).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct)
                  ?? throw ValidationFailedException.For("organizationId", "机构不存在。");
        var c = new InspectorConflict
        {
            InspectorUserId = id,
            OrganizationId = org.Id,
            Reason = reason,
            RegionCode = inspector.RegionCode ?? "",
            RecordedByUser = access.Actor,
            RecordedAt = clock.GetUtcNow(),
        };
        db.Add(c);
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("conflict-exists", "已登记该监督员与该机构的回避关系。"));
        await audit.RecordAsync("supervision.inspector.conflict", "inspector", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail: $"organization={org.Id}");
        return new ConflictDto(c.Id, id, org.Id, org.Name, c.Reason, c.RecordedByUser, c.RecordedAt);
    }
}
