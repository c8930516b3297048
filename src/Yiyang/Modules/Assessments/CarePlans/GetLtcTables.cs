namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>长护险分级表与组合表: the tables in force (scoring uses this version).</summary>
public static class GetLtcTables
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<LtcTablesDto>> (LtcTablesVersions versions, CancellationToken ct) => TypedResults.Ok(await versions.CurrentAsync(ct)))
            .WithSummary("长护险失能等级评估（2021）当前的一级指标分级表与组合表（评分即按此版本）");
}
