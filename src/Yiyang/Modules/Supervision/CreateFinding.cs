using System.Globalization;

namespace Yiyang.Modules.Supervision;

public sealed record FindingInput(int? ItemPosition, string? Severity, string? LegalBasis, string? Requirement, int? DeadlineWorkingDays);

/// <summary>
/// 下达整改 (a drawn inspector, on a finished inspection): a failed item becomes a finding with its severity, legal basis,
/// requirement and a deadline in working days; the due date is counted on the working-day calendar from today
/// (422 <c>calendar-missing</c> when a year on the way has none). One finding per item (409).
/// </summary>
public sealed class CreateFinding(YiyangDb db, InspectionAccess access, FindingAccess findings, WorkingDays workingDays, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/findings", async Task<Created<FindingDto>> (long id, FindingInput input, CreateFinding handler, CancellationToken ct) =>
            {
                var f = await handler.HandleAsync(id, input, ct);
                return TypedResults.Created($"/api/findings/{f.Id}", f);
            })
            .RequireAuthorization(SupervisionPolicies.Inspect)
            .ProducesProblems(400, 403, 404, 409, 422)
            .WithSummary("就不符合项下达整改：itemPosition、severity（minor|moderate|serious）、legalBasis、requirement、deadlineWorkingDays（1–365 个工作日）");

    public async Task<FindingDto> HandleAsync(long id, FindingInput input, CancellationToken ct)
    {
        var i = await access.LoadForInspectorAsync(id, ct);
        var errors = new FieldErrors();
        var severity = input.Severity?.Trim();
        if (severity is null || !InspectionRules.Severities.Contains(severity)) errors.Add("severity", "严重程度只能是 minor（一般）、moderate（较重）或 serious（严重）。");
        var basis = Clean(input.LegalBasis);
        if (basis is null || basis.Length > 300) errors.Add("legalBasis", "请填写法律依据（最多 300 个字）。");
        var requirement = Clean(input.Requirement);
        if (requirement is null || requirement.Length > 500) errors.Add("requirement", "请填写整改要求（最多 500 个字）。");
        if (input.DeadlineWorkingDays is not (>= 1 and <= 365)) errors.Add("deadlineWorkingDays", "整改期限应为 1–365 个工作日。");
        if (input.ItemPosition is null) errors.Add("itemPosition", "请选择不符合的检查项。");
        errors.ThrowIfAny();
        if (i.Status != InspectionRules.Finished) throw new ConflictException("inspection-not-finished", "检查完成、形成结果后才能下达整改。");
        var item = await db.Set<InspectionItem>().AsNoTracking().FirstOrDefaultAsync(x => x.InspectionId == id && x.Position == input.ItemPosition, ct)
                   ?? throw ValidationFailedException.For("itemPosition", "检查项序号不存在。");
        if (item.Result != "fail") throw new BusinessRuleException("item-not-failed", "只有结果为“不符合”的检查项才能下达整改。");
        var today = access.Today;
        var f = new Finding
        {
            InspectionId = id,
            ItemPosition = item.Position,
            OrganizationId = i.OrganizationId,
            RegionCode = i.RegionCode,
            Severity = severity!,
            LegalBasis = basis!,
            Requirement = requirement!,
            DeadlineWorkingDays = input.DeadlineWorkingDays!.Value,
            IssuedOn = today,
            DueOn = await workingDays.AddWorkingDaysAsync(today, input.DeadlineWorkingDays.Value, ct),
            Status = "open",
            CreatedByUser = access.Actor,
            CreatedAt = access.Now,
            UpdatedAt = access.Now,
            Version = 1,
        };
        db.Add(f);
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("finding-exists", "该检查项已下达整改。"));
        await audit.RecordAsync("supervision.finding.create", "finding", f.Id.ToString(CultureInfo.InvariantCulture),
            detail: $"inspection={id}; item={item.Position}; severity={severity}; due={f.DueOn:yyyy-MM-dd}");
        return await findings.ToDtoAsync(f, ct);
    }

    internal static string? Clean(string? s)
    {
        var t = s?.Trim();
        return string.IsNullOrEmpty(t) || t.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? null : t;
    }
}
