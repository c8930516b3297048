using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.DailyCare;

namespace Yiyang.Modules.DailyCare.Pages;

/// <summary>照护完成率 of a month for the institution manager: every resident's due, done, not-done and pending care items.</summary>
[Authorize(Policy = DailyCarePolicies.Stats)]
public sealed class CompletionModel(GetCareCompletion completion, CurrentUser me) : FormPageModel
{
    [FromQuery] public long? OrgId { get; set; }
    [FromQuery] public string? Month { get; set; }
    public CompletionDto? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if ((OrgId ?? me.OrganizationId) is not { } org) return Page();
        try
        {
            Result = await completion.HandleAsync(org, string.IsNullOrWhiteSpace(Month) ? null : Month.Trim(), ct);
            Month = Result.Month;
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (AppException e)
        {
            Show(e);
        }
        return Page();
    }
}
