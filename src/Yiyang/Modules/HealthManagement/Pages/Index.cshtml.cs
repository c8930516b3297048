using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.HealthManagement;

namespace Yiyang.Modules.HealthManagement.Pages;

/// <summary>The yearly work list: 65+ elders in scope and the state of their health-management records.</summary>
[Authorize(Policy = HealthManagementPolicies.Read)]
public sealed class IndexModel(HealthManagementAccess service, ListWorkList workList, Prescriptions.PrescriptionService prescriptions) : PageModel
{
    [FromQuery(Name = "year")] public int? Year { get; set; }
    [FromQuery(Name = "page")] public int? PageNo { get; set; }
    /// <summary>Only the elders whose yearly record is in this state (none / incomplete / complete); empty: all.</summary>
    [FromQuery(Name = "state")] public string? State { get; set; }
    /// <summary>The chosen state's name (未建立 / 不完整 / 完整), or null when the list shows all.</summary>
    public string? StateLabel => State is { } s && ListWorkList.States.TryGetValue(s, out var label) ? label : null;
    public PagedList<ElderYearStatus>? List { get; private set; }
    public string? Error { get; private set; }
    /// <summary>长期处方 of the elders in scope ending within the reminder window (14 days by default).</summary>
    public IReadOnlyList<Yiyang.Modules.HealthManagement.Prescriptions.ExpiringPrescription> Expiring { get; private set; } = [];
    public int CurrentYear => service.Today.Year;
    public int ShownYear => Year ?? CurrentYear;

    public string PageUrl(int page) =>
        $"/HealthManagement?year={ShownYear}" + (string.IsNullOrEmpty(State) ? "" : $"&state={Uri.EscapeDataString(State)}") + $"&page={page}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            List = await workList.HandleAsync(Year, PageNo, ct, State);
            Expiring = await prescriptions.ExpiringAsync(null, ct);
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }
}
