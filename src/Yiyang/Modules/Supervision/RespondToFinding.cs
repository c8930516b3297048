using System.Globalization;

namespace Yiyang.Modules.Supervision;

public sealed record FindingResponseInput(string? Text);

/// <summary>
/// 整改反馈 (the organization's admin, for their own organization): what was put right; evidence files go with it
/// (<see cref="AddFindingEvidence"/>). The finding waits for the inspector's re-check; the answer may be revised until then.
/// </summary>
public sealed class RespondToFinding(YiyangDb db, FindingAccess access, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/response", async Task<Ok<FindingDto>> (long id, FindingResponseInput input, IfMatch ifMatch, RespondToFinding handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(SupervisionPolicies.AnswerFindings)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("被检查机构管理员反馈整改情况：text（最多 1000 字）；复查前可修改");

    public async Task<FindingDto> HandleAsync(long id, FindingResponseInput input, int? ifMatch, CancellationToken ct)
    {
        var text = CreateFinding.Clean(input.Text);
        if (text is null || text.Length > 1000) throw ValidationFailedException.For("text", "请填写整改情况（最多 1000 个字）。");
        var f = await access.LoadForAnswerAsync(id, ifMatch, ct);
        f.ResponseText = text;
        f.RespondedByUser = access.Inspections.Actor;
        f.RespondedAt = access.Inspections.Now;
        f.Status = "answered";
        f.UpdatedAt = f.RespondedAt.Value;
        f.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("supervision.finding.response", "finding", id.ToString(CultureInfo.InvariantCulture), detail: $"organization={f.OrganizationId}");
        return await access.ToDtoAsync(f, ct);
    }
}
