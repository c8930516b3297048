using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiyang.Modules.Targets.Pages;

/// <summary>年度考核报告, printable (print styles and a print button) with the same tables as its .xlsx.</summary>
[Authorize(Policy = TargetsPolicies.Read)]
public sealed class ReportModel(GetEvaluationReport report) : PageModel
{
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "year")] public int? Year { get; set; }
    public EvaluationReport? Report { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Report = await report.HandleAsync(RegionCode, Year, ct);
        }
        catch (AppException e)
        {
            Error = e is ValidationFailedException v ? string.Join(" ", v.Errors.SelectMany(x => x.Value)) : e.Message;
        }
    }
}
