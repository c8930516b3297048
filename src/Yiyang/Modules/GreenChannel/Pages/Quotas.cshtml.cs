using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.GreenChannel;

namespace Yiyang.Modules.GreenChannel.Pages;

/// <summary>
/// 绿色通道名额: the departments' daily quotas under the cooperation agreements the user's organization is party to, with
/// today's bookings; the hospital's institution admin (or the city operator) opens a quota under an agreement in force
/// with the 绿色通道 item and changes a quota's daily number. The care side reads only.
/// </summary>
[Authorize(Policy = GreenChannelPolicies.Use)]
public sealed class QuotasModel(ListQuotas quotas, QuotaAgreements agreements, GreenChannelAccess access, CurrentUser me) : FormPageModel
{
    [BindProperty] public long? AgreementId { get; set; }
    [BindProperty] public string? Department { get; set; }
    [BindProperty] public int? DailyQuota { get; set; }
    [BindProperty] public long? QuotaId { get; set; }
    [BindProperty] public int? NewDailyQuota { get; set; }
    public IReadOnlyList<QuotaDto> Quotas { get; private set; } = [];
    public IReadOnlyList<QuotaAgreementChoice> Agreements { get; private set; } = [];
    public bool MayManage => me.Can(GreenChannelPolicies.ManageQuotas);

    public bool CanEdit(QuotaDto q) => access.CanManage(q.Hospital.Id);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostCreateAsync([FromServices] CreateQuota create, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var q = await create.HandleAsync(new QuotaInput(AgreementId, Department, DailyQuota), ct);
            TempData["Message"] = $"已设置名额：{q.Department}，每日 {q.DailyQuota} 个。";
            return Redirect("/GreenChannel/Quotas");
        }, () => LoadAsync(ct), "create");

    public Task<IActionResult> OnPostUpdateAsync([FromServices] ChangeQuota change, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var q = await change.HandleAsync(QuotaId ?? 0, new QuotaUpdateInput(NewDailyQuota), ct);
            TempData["Message"] = $"已调整名额：{q.Department}，每日 {q.DailyQuota} 个。";
            return Redirect("/GreenChannel/Quotas");
        }, () => LoadAsync(ct), "quota-" + QuotaId);

    private async Task LoadAsync(CancellationToken ct)
    {
        Quotas = await quotas.HandleAsync(null, ct);
        Agreements = await agreements.ListAsync(ct);
    }
}
