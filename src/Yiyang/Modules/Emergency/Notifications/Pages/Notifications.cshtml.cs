using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Emergency.Pages;

/// <summary>家属通知设置: which contacts of the elder's record get which notices about the elder's incidents.</summary>
[Authorize(Policy = EmergencyPolicies.ManageDevices)]
public sealed class NotificationsModel(NotifySettings settings) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public long? ElderId { get; set; }
    [BindProperty] public List<ContactRow> Rows { get; set; } = [];
    public NotifySettingsDto? Current { get; private set; }

    /// <summary>One contact's three check boxes.</summary>
    public sealed class ContactRow
    {
        public int ContactIndex { get; set; }
        public bool Received { get; set; }
        public bool Dispatched { get; set; }
        public bool Resolved { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ElderId is null) return Page();
        return await PageOrNotFoundAsync(async () => Current = await settings.GetAsync(ElderId.Value, ct));
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            var input = new NotifySettingsInput([.. Rows.Select(r => (NotifyContactInput?)new NotifyContactInput(r.ContactIndex, r.Received, r.Dispatched, r.Resolved))]);
            await settings.SetAsync(ElderId ?? 0, input, ct);
            TempData["Message"] = "家属通知设置已保存。";
            return Redirect($"/Emergency/Notifications?elderId={ElderId}");
        }, async () => Current = await settings.GetAsync(ElderId ?? 0, ct, audited: false));
}
