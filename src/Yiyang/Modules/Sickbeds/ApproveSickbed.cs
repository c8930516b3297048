namespace Yiyang.Modules.Sickbeds;

/// <summary>评估通过: the physician's home assessment found the elder suitable (申请 → 待建床).</summary>
public sealed class ApproveSickbed(SickbedAssessmentOutcome outcome)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/approve", async Task<Ok<SickbedDto>> (long id, ApproveInput input, IfMatch ifMatch, ApproveSickbed handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(SickbedPolicies.Write)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("评估通过（医生）：评估日期、评估意见；version 或 If-Match");

    public Task<SickbedDto> HandleAsync(long id, ApproveInput input, int? ifMatch, CancellationToken ct) =>
        outcome.RecordAsync(id, approved: true, ifMatch, input.Version, input.AssessedOn, "note", input.Note, "请填写评估意见（最多 500 个字）。", ct);
}
