using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>机构检查记录（信用记录）: reached from the organization's page.</summary>
[Authorize(Policy = SupervisionPolicies.ReadInspections)]
public sealed class HistoryModel(InspectionHistory history) : FormPageModel
{
    public InspectionHistoryDto History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long? organizationId, CancellationToken ct)
    {
        try
        {
            History = await history.HandleAsync(organizationId, ct);
        }
        catch (AppException e) when (e is NotFoundException or ValidationFailedException)
        {
            return NotFound();
        }
        return Page();
    }
}
