using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Institutions;
using Yiyang.Pages.Shared;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;

namespace Yiyang.Pages.Institutions;

/// <summary>One resident's stay: leave (请假/住院外出) and return forms and the leave history. Errors come from the API rules, beside the field.</summary>
[Authorize(Policy = Policies.InstitutionsWrite)]
public sealed class StayModel(InstitutionService service) : FormPageModel
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public DateOnly? StartOn { get; set; }
    [BindProperty] public DateOnly? ExpectedReturnOn { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public DateOnly? ReturnedOn { get; set; }
    public StayDto? Stay { get; private set; }
    public IReadOnlyList<LeaveDto> Leaves { get; private set; } = [];
    public LeaveDto? OpenLeave => Leaves.FirstOrDefault(l => l.ReturnedOn is null);
    public string? Done { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Stay = await service.GetAsync(Id, ct);
        Leaves = await service.LeavesAsync(Id, ct);
    }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        try { await LoadAsync(ct); }
        catch (NotFoundException) { return NotFound(); }
        Done = done switch { "leave" => "已登记外出，床位保留。", "return" => "已登记返回。", _ => null };
        return Page();
    }

    public Task<IActionResult> OnPostLeaveAsync(CancellationToken ct) =>
        Act(() => service.StartLeaveAsync(Id, new LeaveInput(Kind, StartOn, ExpectedReturnOn, Note), ct), "leave", ct);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken ct) =>
        Act(() => service.ReturnAsync(Id, new LeaveReturnInput(ReturnedOn), ct), "return", ct);

    private async Task<IActionResult> Act(Func<Task<LeaveDto>> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            return Redirect($"/Institutions/Stay/{Id}?done={done}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (AppException e) { Show(e); }
        try { await LoadAsync(ct); }
        catch (NotFoundException) { return NotFound(); }
        return Page();
    }
}
