namespace Yiyang.Modules.HealthManagement;

/// <summary>录入年度健康管理记录: one yearly record per elder and year, scored and evaluated; returns completeness and what is missing.</summary>
public sealed class RecordHealthCheck(
    YiyangDb db, CurrentUser user, HealthManagementAccess access, HealthCheckRecords records, GetHealthCheck get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/", async Task<Created<HealthCheckDto>> (HealthCheckInput input, RecordHealthCheck handler, CancellationToken ct) =>
            {
                var dto = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/health-checks/{dto.Id}", dto);
            })
            .RequireAuthorization(HealthManagementPolicies.Write).ProducesProblems(400, 404, 409)
            .WithSummary("录入年度健康管理记录（每人每年一份）：生活方式、生活自理能力（按 phs-selfcare 计分）、认知情感、体格检查（BMI 自动计算）、辅助检查、健康指导、转诊；返回完整性及缺项");

    public async Task<HealthCheckDto> HandleAsync(HealthCheckInput input, CancellationToken ct)
    {
        access.RequireWriter();
        var elder = await access.ScopedElderAsync(input.ElderId, ct, forWrite: true);
        var v = records.Validate(input, elder);
        if (await db.YearTakenAsync<HealthCheck>(elder.Id, v.CheckedOn.Year, ct))
            throw HealthCheckRecords.Duplicate(v.CheckedOn.Year);
        var now = clock.GetUtcNow();
        var c = new HealthCheck
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            ContentJson = "{}",
            Status = RecordStatus.Draft,
            OrganizationId = user.OrganizationId,
            CreatedBy = access.Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        HealthCheckRecords.Apply(c, v);
        db.Add(c);
        db.TimelineEvents.Add(access.Event(elder.Id, "healthmgmt.check.recorded", "录入" + HealthCheckRecords.Describe(c, v.Evaluation)));
        await records.SaveAsync(c.Year, ct);
        await audit.RecordAsync("healthmgmt.check.create", "health-check", HealthManagementAccess.Id(c.Id), elder.Id);
        return await get.HandleAsync(c.Id, ct, audited: false);
    }
}
