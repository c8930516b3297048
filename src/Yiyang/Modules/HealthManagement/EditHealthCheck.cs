namespace Yiyang.Modules.HealthManagement;

/// <summary>更正年度健康管理记录: replaces the content of an unsigned record (version or If-Match); the year may not change to one already recorded.</summary>
public sealed class EditHealthCheck(
    YiyangDb db, HealthManagementAccess access, HealthCheckRecords records, GetHealthCheck get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/{id:long}", async Task<Ok<HealthCheckDto>> (long id, HealthCheckInput input, IfMatch ifMatch, EditHealthCheck handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(HealthManagementPolicies.Write)
            .ProducesProblems(400, 404, 409, 412)
            .WithSummary("更正未签署的记录（整体替换，需 version 或 If-Match）；已签署的返回 409");

    public async Task<HealthCheckDto> HandleAsync(long id, HealthCheckInput input, int? ifMatch, CancellationToken ct)
    {
        var c = await records.LoadForWriteAsync(id, ct);
        YearlyRecordEditing.CheckEditable(c, ifMatch, input.Version, input.ElderId);
        var elder = await db.Elders.AsNoTracking().FirstAsync(x => x.Id == c.ElderId, ct);
        var v = records.Validate(input, elder);
        if (v.CheckedOn.Year != c.Year && await db.YearTakenAsync<HealthCheck>(c.ElderId, v.CheckedOn.Year, ct))
            throw HealthCheckRecords.Duplicate(v.CheckedOn.Year);
        HealthCheckRecords.Apply(c, v);
        YearlyRecordEditing.Touch(c, clock.GetUtcNow());
        db.TimelineEvents.Add(access.Event(c.ElderId, "healthmgmt.check.updated", "修改" + HealthCheckRecords.Describe(c, v.Evaluation)));
        await records.SaveAsync(c.Year, ct);
        await audit.RecordAsync("healthmgmt.check.update", "health-check", HealthManagementAccess.Id(c.Id), c.ElderId);
        return await get.HandleAsync(c.Id, ct, audited: false);
    }
}
