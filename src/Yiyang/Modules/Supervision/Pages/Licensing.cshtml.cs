using Microsoft.AspNetCore.Authorization;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>
/// 许可审批: the bureau's work list (applications in progress with their deadlines, overdue first, and licences expiring
/// within 60 days) or the organization admin's own applications and licences.
/// </summary>
[Authorize(Policy = SupervisionPolicies.LicensingRead)]
public sealed class LicensingModel(ListLicenceApplications applications, ListLicences licences, LicensingAccess access) : FormPageModel
{
    public bool Decider => access.IsDecider;
    public int ExpiryDays => access.Options.ExpiryWarningDays;
    public IReadOnlyList<LicenceApplicationDto> Open { get; private set; } = [];
    public IReadOnlyList<LicenceApplicationDto> Decided { get; private set; } = [];
    public IReadOnlyList<LicenceDto> Expiring { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await applications.HandleAsync(null, false, false, null, ct);
        Open = [.. all.Where(a => LicensingRules.IsOpen(a.Status)).OrderByDescending(a => a.Overdue)];
        Decided = [.. all.Where(a => !LicensingRules.IsOpen(a.Status)).OrderByDescending(a => a.Id).Take(50)];
        Expiring = await licences.HandleAsync(ExpiryDays, null, ct);
    }
}
