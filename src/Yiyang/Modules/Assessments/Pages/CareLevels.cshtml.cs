using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Modules.Assessments.Instruments;

namespace Yiyang.Modules.Assessments.Pages;

/// <summary>The care-level mapping (分级照护对应关系): the version in force, its history, and the edit form for authorised users.</summary>
[Authorize(Policy = AssessmentPolicies.Tables)]
public sealed class CareLevelsModel(CareLevels levels, ListCareLevelMappingHistory history, UpdateCareLevelMapping update, CurrentUser me)
    : FormPageModel
{
    [BindProperty] public List<string?> Names { get; set; } = [];
    [BindProperty] public List<int> Gbt42195 { get; set; } = [];
    [BindProperty] public List<int> Ltc2021 { get; set; } = [];
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Note { get; set; }

    public CareLevelMappingDto Current { get; private set; } = null!;
    public IReadOnlyList<CareLevelMappingDto> History { get; private set; } = [];

    public bool CanEdit => UpdateCareLevelMapping.MayEdit(me);

    public static IReadOnlyList<string> GbtNames => Gbt42195Scorer.LevelNames;

    public static readonly IReadOnlyList<string> LtcNames = ["基本正常", "轻度失能", "中度失能", "重度失能Ⅰ级", "重度失能Ⅱ级", "重度失能Ⅲ级"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Names = [.. Current.Map.Levels.Select(l => l.Name)];
        Gbt42195 = [.. Current.Map.Gbt42195];
        Ltc2021 = [.. Current.Map.Ltc2021];
        Version = Current.Version;
        Pad();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = await levels.MappingAsync(ct);
        History = await history.HandleAsync(ct);
    }

    private void Pad()
    {
        while (Names.Count < CareLevelRules.MaxLevels) Names.Add("");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var names = Names.Select(n => (n ?? "").Trim()).ToList();
        while (names.Count > 0 && names[^1].Length == 0) names.RemoveAt(names.Count - 1);
        var input = new CareLevelMappingInput(names.Select((n, i) => new CareLevelDef(i, n)).ToList(), Gbt42195, Ltc2021, Version, Note);
        return await AttemptAsync(async () =>
        {
            var saved = await update.HandleAsync(input, null, ct);
            TempData["Message"] = $"已保存为第 {saved.Version} 版，即日起生效。";
            return Redirect("/Assessments/CareLevels");
        }, async () =>
        {
            await LoadAsync(ct);
            Pad();
        });
    }
}
