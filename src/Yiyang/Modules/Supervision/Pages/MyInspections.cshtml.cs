using Microsoft.AspNetCore.Authorization;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>我的检查任务 (an inspector, on a phone): the organizations the current draws sent them to, with the checklists.</summary>
[Authorize(Policy = SupervisionPolicies.Inspect)]
public sealed class MyInspectionsModel(ListMyAssignments assignments, ChecklistQueries checklists) : FormPageModel
{
    public IReadOnlyList<MyAssignmentDto> Assignments { get; private set; } = [];
    public Dictionary<long, ChecklistDto> Checklists { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Assignments = await assignments.HandleAsync(ct);
        foreach (var id in Assignments.SelectMany(a => a.Checklists).Select(c => c.Id).Distinct())
            if (await checklists.FindAsync(id, ct) is { } c) Checklists[id] = c;
    }
}
