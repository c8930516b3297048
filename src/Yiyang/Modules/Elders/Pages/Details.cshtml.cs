using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Elders.Pages;

[Authorize(Policy = ElderPolicies.Read)]
public sealed class DetailsModel(GetElder elders, GetTimeline timeline, RevealPersonalField reveal, CurrentUser me, Modules.CareSummary.CareSummaryService care,
    Modules.Organizations.OrganizationService organizations) : PageModel
{
    private static readonly (string Code, string Name)[] Fields =
        [("idNumber", "身份证号"), ("phone", "联系电话"), ("address", "地址"), ("contacts", "紧急联系人"), ("healthCardNo", "居民健康卡号")];

    [FromRoute] public long Id { get; set; }
    [BindProperty] public string? Field { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public ElderDetail? Elder { get; private set; }
    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];
    public Modules.CareSummary.ElderCareSummary? Care { get; private set; }
    public RevealResult? Revealed { get; private set; }
    public string? RevealError { get; private set; }
    public string? ReasonError { get; private set; }
    public bool CanWrite => me.Can(ElderPolicies.Write);
    public bool Can(string policy) => me.Can(policy);
    /// <summary>Staff of an institution with beds admit into it (the offer of 办理入住 on the elder's page).</summary>
    public bool AdmitsResidents { get; private set; }
    public IReadOnlyList<(string Code, string Name)> RevealableFields => Fields.Where(f => Policies.MayReveal(me.Role, f.Code)).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRevealAsync(CancellationToken ct)
    {
        try
        {
            Revealed = await reveal.HandleAsync(Id, new RevealRequest(Field, Reason), ct);
            Reason = null;
        }
        catch (NotFoundException) { return NotFound(); }
        catch (ValidationFailedException e)
        {
            ReasonError = e.Errors.TryGetValue("reason", out var r) ? string.Join(" ", r) : null;
            RevealError = e.Errors.TryGetValue("field", out var f) ? string.Join(" ", f) : ReasonError is null ? e.Message : null;
        }
        catch (AppException e) { RevealError = e.Message; }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Elder = await elders.HandleAsync(Id, ct);
            Timeline = await timeline.HandleAsync(Id, ct);
            Care = await care.GetAsync(Id, ct);
            if (me.Can(Modules.Institutions.InstitutionPolicies.Write) && me.OrganizationId is { } org)
                AdmitsResidents = (await organizations.GetAsync(org, ct)).Beds.Total > 0;
            return true;
        }
        catch (NotFoundException) { return false; }
    }
}
