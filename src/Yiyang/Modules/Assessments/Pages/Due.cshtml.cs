using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Assessments.Records;

namespace Yiyang.Modules.Assessments.Pages;

/// <summary>到期评估: the due list of <c>GET /api/assessments/due</c> (overdue, due, never assessed while 失能/失智, triggered).</summary>
[Authorize(Policy = AssessmentPolicies.Score)]
public sealed class DueModel(ListDueAssessments due) : FormPageModel
{
    [FromQuery] public string? RegionCode { get; set; }
    [FromQuery] public string? Before { get; set; }
    public DueList? List { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        DateOnly? before = null;
        if (!string.IsNullOrWhiteSpace(Before))
        {
            if (DateOnly.TryParseExact(Before.Trim(), "yyyy-MM-dd", out var d)) before = d;
            else FieldErrors["before"] = "截止日期格式应为 年-月-日，例如 2026-12-31。";
        }
        if (FieldErrors.Count > 0) return;
        try
        {
            List = await due.HandleAsync(RegionCode, before, ct);
        }
        catch (AppException e) { Show(e); }
    }
}
