namespace Yiyang.Modules.Sickbeds;

/// <summary>评估未通过, with the reason (e.g. an acute condition needing in-patient care).</summary>
public sealed class RejectSickbed(SickbedAssessmentOutcome outcome)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/reject", async Task<Ok<SickbedDto>> (long id, RejectInput input, IfMatch ifMatch, RejectSickbed handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(SickbedPolicies.Write)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("评估未通过（医生）：须填原因");

    public Task<SickbedDto> HandleAsync(long id, RejectInput input, int? ifMatch, CancellationToken ct) =>
        outcome.RecordAsync(id, approved: false, ifMatch, input.Version, input.AssessedOn, "reason", input.Reason, "请填写评估未通过的原因（最多 500 个字）。", ct);
}
