using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Accounts.Pages;

/// <summary>安全告警: the security admin's open alerts first, each handled with a note (same steps as /api/security-alerts).</summary>
[Authorize(Policy = AccountPolicies.ManageUsers)]
public sealed class AlertsModel(ListSecurityAlerts list, AcknowledgeSecurityAlert acknowledge) : FormPageModel
{
    [BindProperty] public long? AlertId { get; set; }
    [BindProperty] public string? Note { get; set; }
    public IReadOnlyList<SecurityAlertDto> Alerts { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Alerts = await list.HandleAsync(false, ct);
        Done = done == "ack" ? "已记录处理说明。" : null;
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken ct)
    {
        try
        {
            if (AlertId is null) throw new NotFoundException("未找到该告警。");
            await acknowledge.HandleAsync(AlertId.Value, new AcknowledgeAlertInput(Note), ct);
            return Redirect("/System/Alerts?done=ack");
        }
        catch (AppException e) { Show(e); }
        Alerts = await list.HandleAsync(false, ct);
        return Page();
    }
}
