using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Emergency.Pages;

/// <summary>设备管理: the devices of elders in scope (of one elder when given), registration showing the secret once, revocation.</summary>
[Authorize(Policy = EmergencyPolicies.ManageDevices)]
public sealed class DevicesModel(ListDevices list, CurrentUser me) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public long? ElderId { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Serial { get; set; }
    [BindProperty] public string? InstalledAt { get; set; }
    [BindProperty] public long? DeviceId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public IReadOnlyList<DeviceDto> Devices { get; private set; } = [];
    /// <summary>The device just registered and its secret: shown in this answer only, never stored or redirected.</summary>
    public DeviceSecretDto? Issued { get; private set; }

    public bool CanSetThresholds => me.Can(EmergencyPolicies.SetThresholds);

    public static IReadOnlyList<DeviceKind> Kinds { get; } = Enum.GetValues<DeviceKind>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostRegisterAsync([FromServices] RegisterDevice register, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            try
            {
                Issued = await register.HandleAsync(new DeviceInput(ElderId, Kind, Serial, InstalledAt, null), ct);
            }
            catch (NotFoundException e)
            {
                throw ValidationFailedException.For("elderId", e.Message); // beside the field, not a 404 page
            }
            (Kind, Serial, InstalledAt) = (null, null, null);
            ModelState.Clear();
            await LoadAsync(ct);
            return Page();
        }, () => LoadAsync(ct), "register");

    public Task<IActionResult> OnPostRevokeAsync([FromServices] RevokeDevice revoke, CancellationToken ct) =>
        AttemptAsync(async () =>
        {
            await revoke.HandleAsync(DeviceId ?? 0, new RevokeDeviceInput(Reason, null), null, ct);
            TempData["Message"] = "设备已注销，其密钥已失效。";
            return Redirect(ElderId is { } e ? $"/Emergency/Devices?elderId={e}" : "/Emergency/Devices");
        }, () => LoadAsync(ct), "revoke-" + DeviceId);

    private async Task LoadAsync(CancellationToken ct) => Devices = await list.HandleAsync(ElderId, ct);
}
