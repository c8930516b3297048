using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.Institutions.Pages;

/// <summary>
/// Bed board of an institution: occupancy per bed kind and actual use, who is in which bed (names masked, linked to the
/// stay page for leave and return), the admission form (care level + contract) and the bed-conversion request form.
/// </summary>
[Authorize(Policy = InstitutionPolicies.Write)]
public sealed class IndexModel(GetOccupancy occupancy, ListBeds beds, ListConversions conversions, AdmitElder admit,
    RequestConversion requestConversion, CurrentUser me, ElderPicker picker) : FormPageModel
{
    /// <summary>The institution; staff see their own, the city operator names one.</summary>
    [BindProperty(SupportsGet = true)] public long? OrgId { get; set; }
    public OccupancyDto? Occupancy { get; private set; }
    public IReadOnlyList<BedDto> Beds { get; private set; } = [];
    public IReadOnlyList<ConversionDto> Conversions { get; private set; } = [];
    public string? Done { get; private set; }

    // admission (入住): one of our elders (found with the shared picker) or, at the desk, by ID card (身份证号 + 姓名)
    /// <summary>"elder" (default: the elder's number) or "id" (ID number + name).</summary>
    [BindProperty] public string? AdmitBy { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string? Name { get; set; }
    public bool ByIdCard => AdmitBy == "id";
    /// <summary>Whether the user may register an elder (the link to /Elders/Create when the ID card is not on file).</summary>
    public bool CanRegister => me.Can(ElderPolicies.Write);
    [BindProperty(SupportsGet = true)] public long? ElderId { get; set; }
    [BindProperty] public bool ElderConfirmed { get; set; }
    [FromQuery(Name = "elderQ")] public string? ElderQ { get; set; }
    public ElderPickerView? Picker { get; private set; }
    [BindProperty] public long? BedId { get; set; }
    [BindProperty] public DateOnly? AdmittedOn { get; set; }
    [BindProperty] public string? CareLevel { get; set; }
    [BindProperty] public string? ContractNumber { get; set; }
    [BindProperty] public DateOnly? ContractStartOn { get; set; }
    [BindProperty] public DateOnly? ContractEndOn { get; set; }

    // bed conversion request (床位转换)
    [BindProperty] public long? ConversionBedId { get; set; }
    [BindProperty] public string? ToUse { get; set; }
    [BindProperty] public string? Reason { get; set; }

    private long? Org => OrgId ?? me.OrganizationId;

    /// <summary>The field that names the elder on the admission form.</summary>
    private string ElderField => ByIdCard ? "idNumber" : "elderId";

    private async Task LoadAsync(long org, CancellationToken ct)
    {
        Occupancy = await occupancy.HandleAsync(org, ct);
        Beds = await beds.HandleAsync(org, ct);
        Conversions = (await conversions.HandleAsync(ct)).Where(c => c.OrganizationId == org).ToList();
        Picker = await picker.LoadAsync("admit-form", ElderId, ElderQ, ElderConfirmed, ErrorFor("elderId"), ct);
    }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (Org is not { } org) return Page();
        try { await LoadAsync(org, ct); }
        catch (NotFoundException) { return NotFound(); }
        Done = done switch { "admit" => "已办理入住。", "convert" => "已提交床位转换申请，等待主管部门审批。", _ => null };
        return Page();
    }

    public Task<IActionResult> OnPostAdmitAsync(CancellationToken ct) => Act("admit", async org =>
    {
        if (ByIdCard)
        {
            if (string.IsNullOrWhiteSpace(IdNumber) && string.IsNullOrWhiteSpace(Name))
            {
                // nothing entered: the messages beside the ID-card fields (the API would ask for an elder id)
                var errors = new FieldErrors().Add("idNumber", "请填写身份证号码。").Add("name", AdmissionByIdNumber.NameRequiredMessage);
                if (BedId is null) errors.Add("bedId", "请选择床位。");
                errors.ThrowIfAny();
            }
            await admit.HandleAsync(org, new AdmissionInput(null, BedId, AdmittedOn, CareLevel, ContractNumber, ContractStartOn, ContractEndOn, IdNumber, Name), ct);
        }
        else
        {
            ElderPicker.DemandConfirmed(ElderId, ElderConfirmed);
            await admit.HandleAsync(org, new AdmissionInput(ElderId, BedId, AdmittedOn, CareLevel, ContractNumber, ContractStartOn, ContractEndOn), ct);
        }
    }, ct);

    public Task<IActionResult> OnPostConvertAsync(CancellationToken ct) => Act("convert", async org =>
    {
        if (ConversionBedId is null) throw ValidationFailedException.For("conversionBedId", "请选择床位。");
        await requestConversion.HandleAsync(ConversionBedId.Value, new ConversionInput(ToUse, Reason), ct);
    }, ct);

    private async Task<IActionResult> Act(string form, Func<long, Task> action, CancellationToken ct)
    {
        if (Org is not { } org) return NotFound();
        try
        {
            return await AttemptAsync(async () =>
            {
                await OnTheFormAsync(form, () => action(org));
                return Redirect($"/Institutions?orgId={org}&done={form}");
            }, () => LoadAsync(org, ct), form);
        }
        catch (NotFoundException) { return NotFound(); } // the institution itself is not the user's
    }

    /// <summary>
    /// A conflict names the bed (occupied, pending request) or the elder (already resident), and an elder not found is
    /// the elder field's error: messages beside those fields. A bed to convert not found is said above the form.
    /// </summary>
    private async Task OnTheFormAsync(string form, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (ConflictException e)
        {
            throw ValidationFailedException.For(form == "convert" ? "conversionBedId" : e.Code == "already-resident" ? ElderField : "bedId", e.Message);
        }
        catch (NotFoundException e) when (form == "admit")
        {
            throw ValidationFailedException.For(ElderField, e.Message);
        }
        catch (NotFoundException e)
        {
            throw new BusinessRuleException(e.Code, e.Message);
        }
    }
}
