using System.Text.Json;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// 抽取记录: one draw with its seed, the two snapshotted lists and the conflicts, the result and its SHA-256 — everything
/// <c>scripts/reproduce-draw.py</c> needs to reproduce it (docs/domain/supervision.md#reproducing-a-draw).
/// </summary>
public sealed class GetDraw(YiyangDb db, PlanAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/draws/{id:long}", async Task<Ok<DrawDto>> (long id, GetDraw handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(403, 404)
            .WithSummary("抽取记录：种子、算法、抽取时的检查对象名录和监督员名录（快照）、回避关系、抽取结果及其 SHA-256，可用 scripts/reproduce-draw.py 复现");

    public async Task<DrawDto> HandleAsync(long id, CancellationToken ct, bool withLists = true)
    {
        var d = await db.Set<InspectionDraw>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("未找到该抽取记录，或您无权查看。");
        await access.LoadAsync(d.PlanId, ct); // the plan's scope is the draw's
        var current = !await db.Set<InspectionDraw>().AnyAsync(x => x.PlanId == d.PlanId && x.Sequence > d.Sequence, ct);
        var entities = JsonSerializer.Deserialize<List<EntitySnapshot>>(d.EntityListJson, DrawRecorder.Json)!;
        var inspectors = JsonSerializer.Deserialize<List<InspectorSnapshot>>(d.InspectorListJson, DrawRecorder.Json)!;
        var assignments = await db.Set<InspectionAssignment>().AsNoTracking().Where(a => a.DrawId == id)
            .OrderBy(a => a.Position).ThenBy(a => a.InspectorPosition).ToListAsync(ct);
        var names = entities.ToDictionary(e => e.OrganizationId, e => e.Name);
        var people = inspectors.ToDictionary(i => i.InspectorId);
        var drawn = assignments.GroupBy(a => (a.Position, a.OrganizationId)).Select(g => new DrawEntityDto(g.Key.OrganizationId, names.GetValueOrDefault(g.Key.OrganizationId, ""),
            [.. g.Select(a => a.InspectorUserId)],
            [.. g.Select(a => people.TryGetValue(a.InspectorUserId, out var p) ? new DrawnInspectorDto(p.InspectorId, p.Name, p.CertificateNo) : new DrawnInspectorDto(a.InspectorUserId, "", ""))]))
            .ToList();
        var withdrawals = JsonSerializer.Deserialize<List<DrawWithdrawal>>(d.WithdrawalsJson, DrawRecorder.Json)!;
        return new DrawDto(d.Id, d.PlanId, d.Sequence, current, d.Seed, d.Algorithm, d.DrawnByUser, d.DrawnAt, d.RedrawReason, d.RatioBasisPoints,
            d.InspectorsPerEntity, d.EntityCount, d.InspectorCount, d.SampleSize, drawn, withdrawals, d.ResultSha256,
            withLists ? entities : null, withLists ? inspectors : null,
            withLists ? JsonSerializer.Deserialize<List<ConflictSnapshot>>(d.ConflictsJson, DrawRecorder.Json) : null);
    }
}
