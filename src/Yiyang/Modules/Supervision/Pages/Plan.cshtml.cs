using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>
/// 抽查计划与抽取 (regulators): the plan, the draw form (optional seed; a redraw needs a reason), the current draw's
/// organizations and inspectors, the withdrawals, and the earlier draws with their seeds.
/// </summary>
[Authorize(Policy = SupervisionPolicies.Plan)]
public sealed class PlanModel(GetPlan plans, GetDraw draws, CurrentUser me) : FormPageModel
{
    [BindProperty] public string? Seed { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public PlanDto Plan { get; private set; } = null!;
    public DrawDto? Current { get; private set; }
    public bool MayDraw => Plan.Bureau == me.Bureau;

    /// <summary>An inspector's name from the draw's snapshot of the inspector list.</summary>
    public string InspectorName(long id) => Current?.InspectorList?.FirstOrDefault(i => i.InspectorId == id)?.Name ?? $"编号 {id}";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        try
        {
            await LoadAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public Task<IActionResult> OnPostDrawAsync(long id, [FromServices] DrawPlan draw, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var d = await draw.HandleAsync(id, new DrawInput(Seed, Reason), ct);
            TempData["Message"] = d.Sequence == 1 ? $"已抽取：{d.Entities.Count} 家机构。" : $"已重新抽取（第 {d.Sequence} 次）：{d.Entities.Count} 家机构，此前的抽取结果已保留。";
            return Redirect($"/Supervision/Plans/{id}");
        }, () => LoadAsync(id, ct), "draw");

    private async Task LoadAsync(long id, CancellationToken ct)
    {
        Plan = await plans.HandleAsync(id, ct);
        Current = Plan.CurrentDrawId is { } d ? await draws.HandleAsync(d, ct) : null;
    }
}
