using Microsoft.AspNetCore.Authorization;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>
/// 整改事项: the bureau's work list (overdue first: <c>?overdue=true</c>), an organization admin's findings to answer, an
/// inspector's findings to re-check.
/// </summary>
[Authorize(Policy = SupervisionPolicies.ReadInspections)]
public sealed class FindingsModel(ListFindings findings) : FormPageModel
{
    public bool Overdue { get; private set; }
    public IReadOnlyList<FindingDto> Findings { get; private set; } = [];

    public async Task OnGetAsync(bool? overdue, CancellationToken ct)
    {
        Overdue = overdue ?? false;
        Findings = await findings.HandleAsync(Overdue, null, null, ct);
    }
}
