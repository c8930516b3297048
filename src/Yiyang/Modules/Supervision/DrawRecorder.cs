using System.Text.Json;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// Takes a draw of a plan and keeps it: snapshots the two lists and the conflicts as they stand, draws with
/// <see cref="DrawAlgorithm"/>, saves the draw with its snapshots and hash and the assignments. Shared by the draw use case
/// and the demo data; the caller checks scope and input and audits.
/// </summary>
public static class DrawRecorder
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<InspectionDraw> RecordAsync(YiyangDb db, InspectionPlan plan, int sequence, string seed, string? reason, string actor,
        DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        var lists = new SupervisionLists(db);
        var bureaus = PlanAccess.BureausOf(plan);
        var entities = await lists.EntitiesAsync(bureaus, PlanAccess.KindsOf(plan), plan.RegionCode, ct);
        var inspectors = await lists.InspectorsAsync(bureaus, plan.RegionCode, today, ct);
        var conflicts = await lists.ConflictsAsync([.. inspectors.Select(i => i.InspectorId)], [.. entities.Select(e => e.OrganizationId)], ct);
        var sample = DrawAlgorithm.SampleSize(entities.Count, plan.RatioBasisPoints);
        if (sample > 0 && inspectors.Count < plan.InspectorsPerEntity)
            throw new BusinessRuleException("too-few-inspectors",
                $"执法检查人员名录中持有效执法证的监督员只有 {inspectors.Count} 人，少于每家 {plan.InspectorsPerEntity} 人，无法抽取。");
        var outcome = DrawAlgorithm.Draw(seed, entities.Select(e => e.OrganizationId), inspectors.Select(i => i.InspectorId),
            conflicts.ToDictionary(c => (c.InspectorId, c.OrganizationId), c => c.Reason), sample, plan.InspectorsPerEntity);

        var draw = new InspectionDraw
        {
            PlanId = plan.Id,
            Sequence = sequence,
            Seed = seed,
            Algorithm = DrawAlgorithm.Name,
            DrawnByUser = actor,
            DrawnAt = now,
            RedrawReason = reason,
            RatioBasisPoints = plan.RatioBasisPoints,
            InspectorsPerEntity = plan.InspectorsPerEntity,
            EntityCount = entities.Count,
            InspectorCount = inspectors.Count,
            SampleSize = sample,
            EntityListJson = JsonSerializer.Serialize(entities, Json),
            InspectorListJson = JsonSerializer.Serialize(inspectors, Json),
            ConflictsJson = JsonSerializer.Serialize(conflicts, Json),
            WithdrawalsJson = JsonSerializer.Serialize(outcome.Withdrawals, Json),
            ResultSha256 = outcome.Sha256(),
            RegionCode = plan.RegionCode,
        };
        db.Add(draw);
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("draw-exists", "该计划刚被他人抽取，请刷新后查看。"));
        var position = 0;
        foreach (var e in outcome.Entities)
        {
            position++;
            db.AddRange(e.InspectorIds.Select((inspector, i) => new InspectionAssignment
            {
                DrawId = draw.Id,
                Position = position,
                OrganizationId = e.OrganizationId,
                InspectorUserId = inspector,
                InspectorPosition = i + 1,
            }));
        }
        await db.SaveChangesAsync(ct);
        return draw;
    }
}
