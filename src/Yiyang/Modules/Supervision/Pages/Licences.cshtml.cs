using Microsoft.AspNetCore.Authorization;

namespace Yiyang.Modules.Supervision.Pages;

/// <summary>证照: the licences the user reads, or one organization's (linked from the organization's page).</summary>
[Authorize(Policy = SupervisionPolicies.LicensingRead)]
public sealed class LicencesModel(ListLicences licences) : FormPageModel
{
    public long? OrganizationId { get; private set; }
    public IReadOnlyList<LicenceDto> Licences { get; private set; } = [];

    public async Task OnGetAsync(long? organizationId, CancellationToken ct)
    {
        OrganizationId = organizationId;
        Licences = await licences.HandleAsync(null, organizationId, ct);
    }
}
