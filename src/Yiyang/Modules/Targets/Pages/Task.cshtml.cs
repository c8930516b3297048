using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Targets.Pages;

/// <summary>One policy task with its milestones, indicators and reports; the lead bureau files a report here.</summary>
[Authorize(Policy = TargetsPolicies.Read)]
public sealed class TaskModel(GetPolicyTask get, FilePolicyTaskReport file) : FormPageModel
{
    [FromRoute(Name = "id")] public long Id { get; set; }
    [BindProperty] public string? ReportText { get; set; }
    [BindProperty] public bool ReportDone { get; set; }
    public PolicyTaskDetail? Detail { get; private set; }
    public string? Saved { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Request.Query.ContainsKey("saved")) Saved = "进展报告已报送。";
        return PageOrNotFoundAsync(async () => Detail = await get.HandleAsync(Id, ct));
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await file.HandleAsync(Id, new PolicyTaskReportInput(ReportText, ReportDone), ct);
            return Redirect($"/Targets/Tasks/{Id}?saved=1");
        }, async () => Detail = await get.HandleAsync(Id, ct), "report");
}
