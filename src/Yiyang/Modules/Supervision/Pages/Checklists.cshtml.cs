using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>
/// 检查表 (regulators): the current checklists of every bureau; the regulator's own bureau's checklist for one kind is
/// edited as lines "类别｜检查内容" and saved as a new version.
/// </summary>
[Authorize(Policy = SupervisionPolicies.Plan)]
public sealed class ChecklistsModel(ChecklistQueries queries, CurrentUser me) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ItemLines { get; set; }

    public IReadOnlyList<ChecklistDto> Current { get; private set; } = [];
    public string OwnBureau => me.Bureau ?? "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Current.FirstOrDefault(c => c.Bureau == OwnBureau && c.OrganizationKind == Kind) is { } c)
        {
            Name = c.Name;
            ItemLines = string.Join("\n", c.Items.Select(i => $"{i.Category}｜{i.Text}"));
        }
    }

    public Task<IActionResult> OnPostSaveAsync([FromServices] SaveChecklist save, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var items = (ItemLines ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                var parts = line.Split(['｜', '|'], 2, StringSplitOptions.TrimEntries);
                return (ChecklistItemInput?)(parts.Length == 2 ? new ChecklistItemInput(parts[0], parts[1]) : new ChecklistItemInput(null, parts[0]));
            }).ToList();
            var c = await save.HandleAsync(new ChecklistInput(Kind, Name, items), ct);
            TempData["Message"] = $"已保存为第 {c.VersionNo} 版：{c.Items.Count} 项。";
            return Redirect($"/Supervision/Checklists?kind={c.OrganizationKind}");
        }, () => LoadAsync(ct), "save");

    private async Task LoadAsync(CancellationToken ct) => Current = await queries.CurrentAsync(null, null, ct);
}
