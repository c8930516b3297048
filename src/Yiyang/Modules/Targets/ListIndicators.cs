namespace Yiyang.Modules.Targets;

/// <summary>An entry of the indicator catalogue.</summary>
public sealed record IndicatorDefinitionDto(string Code, string Name, string Unit, string Numerator, string? Denominator, string Sources,
    string SeedReferences, string Bureau, string BureauName, string DefaultComparison);

/// <summary>指标目录: every indicator with its definition (GET /api/indicators).</summary>
public sealed class ListIndicators(IndicatorCatalog catalog)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("", (ListIndicators handler) => TypedResults.Ok(handler.Handle()))
            .WithSummary("指标目录：编码、名称、单位、分子与分母的定义、数据来源、政策依据和负责部门");

    public IReadOnlyList<IndicatorDefinitionDto> Handle() => [.. catalog.All.Select(i => ToDto(i.Definition))];

    public static IndicatorDefinitionDto ToDto(IndicatorDefinition d) =>
        new(d.Code, d.Name, d.Unit == IndicatorUnit.Percent ? "percent" : "count", d.Numerator, d.Denominator, d.Sources, d.SeedReferences,
            d.Bureau, Bureaus.DisplayName(d.Bureau), TargetRules.ComparisonCode(d.DefaultComparison));
}
