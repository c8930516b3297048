using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Emergency.Pages;

/// <summary>来电: the calls ringing (pushed by the gateway) and in progress, those ended today; a new call by the caller's number.</summary>
[Authorize(Policy = EmergencyPolicies.HandleIncidents)]
public sealed class CallsModel(ListCalls list) : FormPageModel
{
    [BindProperty] public string? CallerNumber { get; set; }
    [BindProperty] public string? Line { get; set; }
    public IReadOnlyList<CallListItem> Calls { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostOpenAsync([FromServices] OpenCall open, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var c = await open.HandleAsync(new CallInput(CallerNumber, Line), ct);
            return Redirect($"/Emergency/Calls/{c.Id}");
        }, () => LoadAsync(ct), "open");

    private async Task LoadAsync(CancellationToken ct) => Calls = await list.HandleAsync(false, ct);
}
