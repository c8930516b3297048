using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Sickbeds;

namespace Yiyang.Modules.Sickbeds.Pages;

/// <summary>The team's family sickbeds: alerts (rounds below frequency, cycle ended) and the list with a badge per sickbed.</summary>
[Authorize(Policy = SickbedPolicies.Read)]
public sealed class IndexModel(ListSickbeds list, ListSickbedAlerts alerts, CurrentUser me) : PageModel
{
    [FromQuery(Name = "status")] public string? Status { get; set; } = "open";
    [FromQuery(Name = "elderId")] public long? ElderId { get; set; }
    [FromQuery(Name = "page")] public int? PageNo { get; set; }
    public PagedList<SickbedListItem>? Result { get; private set; }
    public IReadOnlyList<SickbedAlert> Alerts { get; private set; } = [];
    public string? Error { get; private set; }
    public bool CanWrite => me.Can(SickbedPolicies.Write);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Alerts = await alerts.HandleAsync(ct);
        try
        {
            Result = await list.HandleAsync(new SickbedQuery(ElderId, Status == "all" ? null : Status, PageNo, 20), ct);
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }

    public string PageUrl(int page) => $"/Sickbeds?status={Uri.EscapeDataString(Status ?? "")}&elderId={ElderId}&page={page}";
}
