using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Claims;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Claims.Pages;

/// <summary>Coverage periods of one elder: the list and the add form (an overlap is shown beside the start date).</summary>
[Authorize(Policy = ClaimPolicies.Read)]
public sealed class CoverageModel(ListCoveragePeriods list, CreateCoveragePeriod create, ElderPicker picker) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public long? ElderId { get; set; }
    [BindProperty] public bool ElderConfirmed { get; set; }
    [FromQuery(Name = "elderQ")] public string? ElderQ { get; set; }
    public ElderPickerView? Picker { get; private set; }
    [BindProperty] public string? PayerClass { get; set; }
    [BindProperty] public DateOnly? StartOn { get; set; }
    [BindProperty] public DateOnly? EndOn { get; set; }
    [BindProperty] public long? OrganizationId { get; set; }
    public IReadOnlyList<CoverageDto> Periods { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadPickerAsync(ct);
        if (ElderId is null) return Page();
        return await PageOrNotFoundAsync(async () => Periods = await list.HandleAsync(ElderId, ct));
    }

    private async Task LoadPickerAsync(CancellationToken ct) =>
        Picker = await picker.LoadAsync("coverage-form", ElderId, ElderQ, ElderConfirmed, ErrorFor("elderId"), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            ElderPicker.DemandConfirmed(ElderId, ElderConfirmed);
            await create.HandleAsync(new CoverageInput(ElderId, PayerClass, StartOn, EndOn, OrganizationId, null), ct);
            return Redirect($"/Claims/Coverage?elderId={ElderId}");
        }
        catch (ConflictException e)
        {
            FieldErrors["startOn"] = e.Message;
            FormError = "提交的信息有误，请按红色提示修改后再提交。";
        }
        catch (NotFoundException e)
        {
            FieldErrors["elderId"] = e.Message;
            FormError = "提交的信息有误，请按红色提示修改后再提交。";
        }
        catch (AppException e)
        {
            Show(e);
        }
        if (ElderId is not null)
        {
            try { Periods = await list.HandleAsync(ElderId, ct); }
            catch (NotFoundException) { }
        }
        await LoadPickerAsync(ct);
        return Page();
    }
}
