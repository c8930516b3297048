using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>结果公示 (the bureau's regulators): finished inspections with their publication state, overdue and late ones flagged; 公示 button.</summary>
[Authorize(Policy = SupervisionPolicies.Plan)]
public sealed class ResultsModel(ListResults results) : FormPageModel
{
    public IReadOnlyList<ResultRowDto> Rows { get; private set; } = [];
    public int OverdueCount => Rows.Count(r => r.Overdue);
    public int LateCount => Rows.Count(r => r.Late);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostPublishAsync(long inspectionId, [FromServices] PublishResult publish, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var p = await publish.HandleAsync(inspectionId, ct);
            TempData["Message"] = p.Late ? $"已公示（逾期：公示期限为 {p.DueOn:yyyy-MM-dd}）。" : "已公示。";
            return Redirect("/Supervision/Results");
        }, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct) => Rows = await results.HandleAsync(null, false, ct);
}
