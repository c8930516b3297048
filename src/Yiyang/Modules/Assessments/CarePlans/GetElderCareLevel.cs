namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>老年人的照护等级: the mapping applied to the latest signed unexpired assessment (<see cref="CareLevels.ElderCareLevelAsync"/>).</summary>
public static class GetElderCareLevel
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/elders/{elderId:long}", async Task<Ok<ElderCareLevelDto>> (long elderId, CareLevels levels, CancellationToken ct) =>
                TypedResults.Ok(await levels.ElderCareLevelAsync(elderId, ct)))
            .RequireAuthorization(AssessmentPolicies.Score) // one elder's: the group needs only the tables policy
            .ProducesProblems(404)
            .WithSummary("老年人的照护等级：按对应关系取最近一次已签署且未过期的能力评估或长护险评估");
}
