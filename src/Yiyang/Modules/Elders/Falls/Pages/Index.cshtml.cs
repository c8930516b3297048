using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Elders.Falls;

namespace Yiyang.Modules.Elders.Falls.Pages;

/// <summary>
/// An elder's falls and the form to record one (from the home visit or the elder's pages); the time is China time.
/// Without an elder the page is the elder search (the shared picker), whose choice opens that elder's falls.
/// </summary>
[Authorize(Policy = ElderPolicies.FallsRead)]
public sealed class IndexModel(FallService service, TimeProvider clock, ElderPicker picker) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public long? ElderId { get; set; }
    [FromQuery(Name = "elderQ")] public string? ElderQ { get; set; }
    /// <summary>The elder search, when no elder is named.</summary>
    public ElderPickerView? Picker { get; private set; }
    /// <summary>Who the page is about, as the search lists them (age, sex, township, masked ID) to tell namesakes apart.</summary>
    public ElderListItem? Elder { get; private set; }
    [BindProperty(SupportsGet = true)] public long? HomeVisitId { get; set; }
    [BindProperty(SupportsGet = true)] public long? StayId { get; set; }
    [BindProperty] public DateTime? OccurredAt { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? Injury { get; set; }
    [BindProperty] public bool HospitalVisit { get; set; }
    [BindProperty] public string? Note { get; set; }
    public string ElderName { get; private set; } = "";
    public IReadOnlyList<FallDto> Falls { get; private set; } = [];
    public bool CanWrite => service.CanWrite;

    public string Now => clock.ChinaNow().ToString("yyyy-MM-ddTHH:mm");

    private async Task LoadAsync(CancellationToken ct)
    {
        var id = ElderId ?? throw ElderAccess.NotFound();
        ElderName = await service.ElderNameAsync(id, ct);
        Falls = await service.ListAsync(id, ct);
        Elder = await picker.FindAsync(id, ct);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ElderId is null)
        {
            Picker = await picker.LoadAsync("", null, ElderQ, false, null, ct);
            return Page();
        }
        return await PageOrNotFoundAsync(() => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            return await AttemptAsync(async () =>
            {
                DateTimeOffset? at = OccurredAt is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), ChinaTime.Offset) : null;
                await service.RecordAsync(ElderId ?? 0, new FallInput(at, Place, Injury, HospitalVisit, Note, HomeVisitId, StayId), ct);
                TempData["Message"] = "已登记跌倒，该老年人需要即时评估。";
                return Redirect($"/Falls?elderId={ElderId}" + (HomeVisitId is { } v ? $"&homeVisitId={v}" : ""));
            }, () => LoadAsync(ct));
        }
        catch (NotFoundException) { return NotFound(); } // the elder left the user's reach while the page reloads
    }
}
