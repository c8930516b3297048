using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.Referrals.Pages;

/// <summary>Referral counts and response times of one organization in a period (staff: their own; regulators: their region).</summary>
[Authorize(Policy = ReferralPolicies.Stats)]
public sealed class StatsModel(GetReferralStats stats) : PageModel
{
    [FromQuery] public long? OrganizationId { get; set; }
    [FromQuery] public DateOnly? From { get; set; }
    [FromQuery] public DateOnly? To { get; set; }
    public ReferralStatsDto? Stats { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Stats = await stats.HandleAsync(OrganizationId, From, To, ct);
        }
        catch (NotFoundException) { return NotFound(); }
        catch (ValidationFailedException e) { Error = string.Join(" ", e.Errors.SelectMany(x => x.Value)); }
        return Page();
    }

    public static string Minutes(double? m) => m is { } v ? ReferralRules.Duration((int)Math.Round(v)) : "—";
}
