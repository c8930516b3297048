using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>双随机抽查计划 (regulators): the plans of their bureau in their region, and a form to make one.</summary>
[Authorize(Policy = SupervisionPolicies.Plan)]
public sealed class PlansModel(ListPlans list, CurrentUser me, TimeProvider clock, IOptions<SupervisionOptions> options) : FormPageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public List<string> JointBureaus { get; set; } = [];
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public decimal? RatioPercent { get; set; }
    [BindProperty] public List<string> Kinds { get; set; } = [];
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public int? InspectorsPerEntity { get; set; }

    public IReadOnlyList<PlanDto> Plans { get; private set; } = [];
    public string OwnBureau => me.Bureau ?? "";
    public static readonly (string Code, string Name)[] KindChoices = [("medical", "医疗卫生机构"), ("elderly-care", "养老机构"), ("integrated", "医养结合机构")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year = clock.ChinaToday().Year;
        RatioPercent = options.Value.DefaultRatioPercent;
        InspectorsPerEntity = options.Value.MinInspectorsPerEntity;
        RegionCode = me.RegionCode;
        Kinds = [.. KindChoices.Select(k => k.Code)];
        await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostCreateAsync([FromServices] CreatePlan create, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var p = await create.HandleAsync(new PlanInput(Name, me.Bureau, [.. JointBureaus], Year, RatioPercent, [.. Kinds], RegionCode, InspectorsPerEntity), ct);
            TempData["Message"] = $"已制定计划：名录 {p.EntityCount} 家，应抽 {p.SampleSize} 家。";
            return Redirect($"/Supervision/Plans/{p.Id}");
        }, () => LoadAsync(ct), "create");

    private async Task LoadAsync(CancellationToken ct) => Plans = await list.HandleAsync(null, ct);
}
