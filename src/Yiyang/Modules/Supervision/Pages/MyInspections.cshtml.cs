using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>我的检查任务 (an inspector, on a phone): the organizations the current draws sent them to, with the checklists.</summary>
[Authorize(Policy = SupervisionPolicies.Inspect)]
public sealed class MyInspectionsModel(ListMyAssignments assignments, ChecklistQueries checklists) : FormPageModel
{
    public IReadOnlyList<MyAssignmentDto> Assignments { get; private set; } = [];
    public Dictionary<long, ChecklistDto> Checklists { get; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>开始现场检查, then on to the inspection's page.</summary>
    public Task<IActionResult> OnPostStartAsync(long drawId, long organizationId, [FromServices] StartInspection start, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var i = await start.HandleAsync(new StartInspectionInput(drawId, organizationId), ct);
            return Redirect($"/Supervision/Inspections/{i.Id}");
        }, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        Assignments = await assignments.HandleAsync(ct);
        foreach (var id in Assignments.SelectMany(a => a.Checklists).Select(c => c.Id).Distinct())
            if (await checklists.FindAsync(id, ct) is { } c) Checklists[id] = c;
    }
}
