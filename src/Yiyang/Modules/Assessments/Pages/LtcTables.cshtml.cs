using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.CarePlans;

namespace Yiyang.Modules.Assessments.Pages;

/// <summary>The 长护险 2021 band and grade tables in force, their history, and the edit form for the insurance bureau.</summary>
[Authorize(Policy = AssessmentPolicies.Tables)]
public sealed class LtcTablesModel(LtcTablesVersions versions, ListLtcTablesHistory history, UpdateLtcTables update) : FormPageModel
{
    public static readonly IReadOnlyList<(string Field, string Name, int Max)> Indicators =
        [("adlBands", "日常生活活动能力", 100), ("cognitionBands", "认知能力", 16), ("perceptionBands", "感知觉与沟通能力", 12)];

    [BindProperty] public List<ScoreBand> AdlBands { get; set; } = [];
    [BindProperty] public List<ScoreBand> CognitionBands { get; set; } = [];
    [BindProperty] public List<ScoreBand> PerceptionBands { get; set; } = [];
    [BindProperty] public List<int> GradeMatrix { get; set; } = [];
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Note { get; set; }

    public LtcTablesDto Current { get; private set; } = null!;
    public IReadOnlyList<LtcTablesDto> History { get; private set; } = [];
    public bool CanEdit => versions.MayEdit;

    public List<ScoreBand> Bands(string field) => field switch
    {
        "adlBands" => AdlBands,
        "cognitionBands" => CognitionBands,
        _ => PerceptionBands,
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var t = Current.Tables;
        AdlBands = Copy(t.AdlBands);
        CognitionBands = Copy(t.CognitionBands);
        PerceptionBands = Copy(t.PerceptionBands);
        GradeMatrix = [.. t.GradeMatrix];
        Version = Current.Version;
    }

    private static List<ScoreBand> Copy(IEnumerable<ScoreBand> bands) =>
        bands.OrderBy(b => b.Code).Select(b => new ScoreBand { Code = b.Code, Name = b.Name, Min = b.Min, Max = b.Max }).ToList();

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = await versions.CurrentAsync(ct);
        History = await history.HandleAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // a number that does not parse: show it beside the table it belongs to
            foreach (var key in ModelState.Where(m => m.Value?.Errors.Count > 0).Select(m => m.Key))
            {
                var field = key.StartsWith("AdlBands", StringComparison.Ordinal) ? "adlBands"
                    : key.StartsWith("CognitionBands", StringComparison.Ordinal) ? "cognitionBands"
                    : key.StartsWith("PerceptionBands", StringComparison.Ordinal) ? "perceptionBands" : "gradeMatrix";
                FieldErrors[field] = "请填写整数分数。";
            }
            FormError = "提交的信息有误，请按红色提示修改后再提交。";
            await LoadAsync(ct);
            return Page();
        }
        return await AttemptAsync(async () =>
        {
            for (var i = 0; i < 4; i++)
                foreach (var list in new[] { AdlBands, CognitionBands, PerceptionBands })
                    if (i < list.Count) list[i].Code = i;
            var saved = await update.HandleAsync(new LtcTablesInput(AdlBands, CognitionBands, PerceptionBands, GradeMatrix, null, Version, Note), null, ct);
            TempData["Message"] = $"已保存为第 {saved.Version} 版，评分即日起按新版本计算。";
            return Redirect("/Assessments/LtcTables");
        }, () => LoadAsync(ct));
    }
}
