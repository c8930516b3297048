using System.Globalization;

namespace Yiyang.Modules.Supervision;

public sealed record PublicationDto(long InspectionId, DateOnly PublishedOn, DateOnly DueOn, bool Late, string PublishedBy, DateTimeOffset PublishedAt);

/// <summary>
/// 公示检查结果 (a regulator who sees the plan): a finished inspection's result becomes public
/// (<c>GET /api/public/inspection-results</c>). Once (409); late when after the publication due date.
/// </summary>
public sealed class PublishResult(YiyangDb db, PlanAccess plans, TimeProvider clock, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/publish", async Task<Created<PublicationDto>> (long id, PublishResult handler, CancellationToken ct) =>
            {
                var p = await handler.HandleAsync(id, ct);
                return TypedResults.Created($"/api/inspections/{id}", p);
            })
            .ProducesProblems(403, 404, 409)
            .WithSummary("公示已完成检查的结果（计划所属部门监管人员；晚于公示期限的标记为逾期公示）");

    public async Task<PublicationDto> HandleAsync(long id, CancellationToken ct)
    {
        var planIds = plans.Scoped().Select(p => p.Id);
        var i = await db.Set<Inspection>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Status == InspectionRules.Finished && planIds.Contains(x.PlanId), ct)
                ?? throw InspectionAccess.NotFound();
        var today = clock.ChinaToday();
        var p = new InspectionPublication
        {
            InspectionId = id,
            PublishedOn = today,
            DueOn = i.PublicationDueOn!.Value,
            Late = today > i.PublicationDueOn.Value,
            RegionCode = i.RegionCode,
            PublishedByUser = plans.User.UserName,
            PublishedAt = clock.GetUtcNow(),
        };
        db.Add(p);
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("already-published", "该检查结果已公示。"));
        await audit.RecordAsync("supervision.inspection.publish", "inspection", id.ToString(CultureInfo.InvariantCulture),
            detail: $"due={p.DueOn:yyyy-MM-dd}; late={p.Late}");
        return new PublicationDto(id, p.PublishedOn, p.DueOn, p.Late, p.PublishedByUser, p.PublishedAt);
    }
}
