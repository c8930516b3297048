using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.Institutions.Pages;

/// <summary>
/// The regulator's bed-conversion decisions (床位转换, docs/domain/institutions.md#bed-conversion): requests of the region, pending first; approve or
/// reject (with a note) those the user's bureau decides — to 医疗 use 卫健, to 养老 use 民政.
/// </summary>
[Authorize(Policy = InstitutionPolicies.BedConversionDecide)]
public sealed class ConversionsModel(ListConversions conversions, DecideConversion decide, YiyangDb db, CurrentUser me) : FormPageModel
{
    [BindProperty] public long? ConversionId { get; set; }
    [BindProperty] public string? Note { get; set; }
    public IReadOnlyList<ConversionDto> Conversions { get; private set; } = [];
    public Dictionary<long, string> OrgNames { get; private set; } = [];
    public string? Done { get; private set; }

    public bool Decides(ConversionDto c) => c.Status == "pending" && c.Bureau == me.Bureau;

    private async Task LoadAsync(CancellationToken ct)
    {
        Conversions = await conversions.HandleAsync(ct);
        var ids = Conversions.Select(c => c.OrganizationId).Distinct().ToList();
        OrgNames = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        await LoadAsync(ct);
        Done = done switch { "approve" => "已批准，床位按新用途统计。", "reject" => "已驳回。", _ => null };
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => Decide(true, ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) => Decide(false, ct);

    private async Task<IActionResult> Decide(bool approve, CancellationToken ct)
    {
        try
        {
            if (ConversionId is null) throw new NotFoundException("未找到该床位转换申请，或您无权查看。");
            await decide.HandleAsync(ConversionId.Value, approve, new ConversionDecisionInput(Note), ct);
            return Redirect($"/Institutions/Conversions?done={(approve ? "approve" : "reject")}");
        }
        catch (ForbiddenException)
        {
            FormError = "该申请不由本部门审批：转为医疗用途由卫健部门、转为养老用途由民政部门审批。";
        }
        catch (AppException e) { Show(e); }
        await LoadAsync(ct);
        return Page();
    }
}
