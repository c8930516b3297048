namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>照护等级对应关系: the care-level mapping in force.</summary>
public static class GetCareLevelMapping
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/mapping", async Task<Ok<CareLevelMappingDto>> (CareLevels levels, CancellationToken ct) => TypedResults.Ok(await levels.MappingAsync(ct)))
            .WithSummary("照护等级对应关系（当前版本）：照护等级，以及老年人能力评估 0–4 级、长护险失能 0–5 级各对应的照护等级");
}
