using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.Referrals.Pages;

/// <summary>The organization's referral inbox (addressed to it) and outbox (sent by it), with status filters and waiting times.</summary>
[Authorize(Policy = ReferralPolicies.Use)]
public sealed class IndexModel(ListReferrals list, CurrentUser me) : PageModel
{
    [FromQuery] public string Box { get; set; } = "inbox";
    [FromQuery] public string? Status { get; set; }
    [FromQuery] public string? Direction { get; set; }
    [FromQuery] public long? OrgId { get; set; }
    [FromQuery(Name = "p")] public int PageNo { get; set; } = 1;
    public PagedList<ReferralListItem>? Result { get; private set; }
    public string? Error { get; private set; }
    public bool IsInbox => Box != "outbox";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Box is not ("inbox" or "outbox")) Box = "inbox";
        try
        {
            Result = await list.HandleAsync(new ReferralQuery(Box, me.Can(ReferralPolicies.AnyOrganization) ? OrgId : null, Status, Direction, PageNo, 30), ct);
        }
        catch (NotFoundException) { return NotFound(); }
        catch (ValidationFailedException e) { Error = string.Join(" ", e.Errors.SelectMany(x => x.Value)); }
        return Page();
    }

    public string BoxUrl(string box, int page = 1) =>
        $"/Referrals?box={box}" + (Status is null ? "" : "&status=" + Uri.EscapeDataString(Status)) +
        (Direction is null ? "" : "&direction=" + Uri.EscapeDataString(Direction)) + (OrgId is null ? "" : "&orgId=" + OrgId) + (page > 1 ? "&p=" + page : "");
}
