namespace Yiyang.Modules.Targets;

/// <summary>A target for an indicator, region and year (PUT /api/targets).</summary>
public sealed record TargetInput(string? IndicatorCode, string? RegionCode, int? Year, decimal? Value, string? Comparison, string? Basis);

/// <summary>A target as set.</summary>
public sealed record TargetDto(long Id, string IndicatorCode, string IndicatorName, string RegionCode, string RegionName, int Year, decimal Value,
    string Comparison, string? Basis, string SetBy, DateTimeOffset SetAt, int Version);

/// <summary>
/// 设定目标: sets (or changes) the target of an indicator for a region and year. Only a regulator of the bureau that owns
/// the indicator, for a region within their own (docs/domain/targets.md#targets). Years: 2000 to five years ahead.
/// </summary>
public sealed class SetTarget(YiyangDb db, CurrentUser user, RegionCatalog regions, IndicatorEvaluator evaluator, AuditTrail audit, TimeProvider clock)
{
    public const int YearsAhead = 5;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("", async Task<Ok<TargetDto>> (TargetInput input, SetTarget handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(input, ct)))
            .RequireAuthorization(TargetsPolicies.Set)
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("设定某地区某年某项指标的目标值（百分比或个数）和比较方式（at-least 不低于 / at-most 不高于）；只限负责该指标的部门，在本辖区内");

    public async Task<TargetDto> HandleAsync(TargetInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var indicator = evaluator.Catalog.Find(input.IndicatorCode);
        if (string.IsNullOrWhiteSpace(input.IndicatorCode)) errors.Add("indicatorCode", "请选择指标。");
        else if (indicator is null) errors.Add("indicatorCode", "没有该指标，请从指标目录中选择。");
        var code = evaluator.ReadRegion(input.RegionCode, errors, orUsers: false);
        var maxYear = clock.ChinaToday().Year + YearsAhead;
        if (input.Year is not { } year || year < 2000 || year > maxYear) errors.Add("year", $"年份应在 2000–{maxYear} 之间。");
        var percent = indicator?.Definition.Unit != IndicatorUnit.Count;
        if (input.Value is not { } value) errors.Add("value", "请填写目标值。");
        else if (value < 0 || (percent && value > 100) || value > 100_000_000) errors.Add("value", percent ? "百分比目标应在 0–100 之间。" : "目标个数应不小于 0。");
        else if (decimal.Round(value, 2) != value) errors.Add("value", "目标值最多两位小数。");
        var comparison = string.IsNullOrWhiteSpace(input.Comparison) ? indicator?.Definition.DefaultComparison : TargetRules.ParseComparison(input.Comparison);
        if (comparison is null) errors.Add("comparison", "比较方式只能是 at-least（不低于）或 at-most（不高于）。");
        var basis = string.IsNullOrWhiteSpace(input.Basis) ? null : input.Basis.Trim();
        if (basis is { Length: > 200 }) errors.Add("basis", "依据最多 200 个字。");
        errors.ThrowIfAny();

        var d = indicator!.Definition;
        if (user.Bureau != d.Bureau) throw new ForbiddenException($"该指标由{Bureaus.DisplayName(d.Bureau)}设定目标。");
        evaluator.DemandWithinUser(code!);
        var target = await db.Set<IndicatorTarget>().FirstOrDefaultAsync(
            t => t.IndicatorCode == d.Code && t.Year == input.Year && t.RegionCode == code, ct);
        var before = target is null ? "none" : $"{TargetRules.ComparisonSign(target.Comparison)}{target.Value}";
        var now = clock.GetUtcNow();
        if (target is null)
        {
            target = new IndicatorTarget { IndicatorCode = d.Code, RegionCode = code!, Year = input.Year!.Value, SetByUser = user.UserName };
            db.Add(target);
        }
        else target.Version++;
        target.Value = input.Value!.Value;
        target.Comparison = comparison!.Value;
        target.Basis = basis;
        target.SetByUser = user.UserName;
        target.SetAt = now;
        await audit.RecordAsync("targets.target.set", "region", code!, null,
            $"{d.Code} {target.Year}: {before} -> {TargetRules.ComparisonSign(target.Comparison)}{target.Value}");
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("concurrency", "该目标刚被他人设定，请刷新后重试。"));
        return ListTargets.ToDto(target, d, regions);
    }
}
