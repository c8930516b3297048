using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Targets;

/// <summary>
/// 目标一览 (GET /api/targets?regionCode=&amp;year=): the targets set for the region and its ancestors in a year, the one
/// that applies per indicator (<c>applies</c>) marked; default region the user's, default year this one.
/// </summary>
public sealed class ListTargets(YiyangDb db, IndicatorEvaluator evaluator, RegionCatalog regions, IndicatorCatalog catalog, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("", async Task<Ok<IReadOnlyList<TargetDto>>> ([FromQuery] string? regionCode, [FromQuery] int? year, ListTargets handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(regionCode, year, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("某地区某年适用的各项指标目标（本地区未设定的，继承上级地区的目标）");

    /// <summary>The target that applies for each indicator of the catalogue that has one.</summary>
    public async Task<IReadOnlyList<TargetDto>> HandleAsync(string? regionCode, int? year, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var maxYear = clock.ChinaToday().Year + SetTarget.YearsAhead;
        var y = year ?? clock.ChinaToday().Year;
        if (y < 2000 || y > maxYear) errors.Add("year", $"年份应在 2000–{maxYear} 之间。");
        var code = evaluator.ReadRegion(regionCode, errors, orUsers: true);
        errors.ThrowIfAny();
        evaluator.DemandWithinUser(code!);
        var ancestry = TargetRules.Ancestry(code!);
        var set = await db.Set<IndicatorTarget>().AsNoTracking().Where(t => t.Year == y && ancestry.Contains(t.RegionCode)).ToListAsync(ct);
        return [.. catalog.All
            .Select(i => (i.Definition, Target: TargetRules.Resolve(set.Where(t => t.IndicatorCode == i.Definition.Code), code!)))
            .Where(x => x.Target is not null)
            .Select(x => ToDto(x.Target!, x.Definition, regions))];
    }

    public static TargetDto ToDto(IndicatorTarget t, IndicatorDefinition d, RegionCatalog regions) =>
        new(t.Id, t.IndicatorCode, d.Name, t.RegionCode, regions.FullName(t.RegionCode), t.Year, t.Value, TargetRules.ComparisonCode(t.Comparison),
            t.Basis, t.SetByUser, t.SetAt, t.Version);
}
