using System.Globalization;

namespace Yiyang.Modules.Supervision;

public sealed record RecheckInput(string? Outcome, string? Note);

/// <summary>
/// 复查 (a drawn inspector of the finding's inspection): <c>closed</c> (整改到位，销号) after the organization answered, or
/// <c>escalated</c> (移交处理) after an answer or when the finding is past its due date unanswered.
/// </summary>
public sealed class RecheckFinding(YiyangDb db, FindingAccess access, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/recheck", async Task<Ok<FindingDto>> (long id, RecheckInput input, IfMatch ifMatch, RecheckFinding handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(SupervisionPolicies.Inspect)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("监督员复查：outcome（closed 销号 | escalated 移交处理）、note");

    public async Task<FindingDto> HandleAsync(long id, RecheckInput input, int? ifMatch, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var outcome = input.Outcome?.Trim();
        if (outcome is not ("closed" or "escalated")) errors.Add("outcome", "复查结论只能是 closed（销号）或 escalated（移交处理）。");
        var note = CreateFinding.Clean(input.Note);
        if (note is null || note.Length > 500) errors.Add("note", "请填写复查意见（最多 500 个字）。");
        errors.ThrowIfAny();
        var f = await access.LoadForInspectorAsync(id, ifMatch, ct);
        var today = access.Inspections.Today;
        if (!InspectionRules.MayRecheck(f.Status, outcome!, f.DueOn, today))
            throw new ConflictException("illegal-transition", f.Status switch
            {
                "open" => "机构尚未反馈整改情况；逾期未反馈的才能直接移交处理。",
                _ => $"该整改事项已{InspectionRules.FindingStatusName(f.Status)}。",
            });
        f.Status = outcome!;
        f.RecheckNote = note;
        f.RecheckedByUser = access.Inspections.Actor;
        f.RecheckedAt = access.Inspections.Now;
        f.UpdatedAt = f.RecheckedAt.Value;
        f.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("supervision.finding.recheck", "finding", id.ToString(CultureInfo.InvariantCulture), detail: $"outcome={outcome}");
        return await access.ToDtoAsync(f, ct);
    }
}
