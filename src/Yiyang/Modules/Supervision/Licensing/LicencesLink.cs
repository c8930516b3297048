using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

/// <summary>许可证照 on the organization's page, for those who read licences (the bureaus' regulators, the organization's admin).</summary>
public sealed class LicencesLink(CurrentUser user) : IOrganizationPageLink
{
    public (string Text, string Href, string Id)? For(long organizationId) =>
        user.Can(SupervisionPolicies.LicensingRead) ? ("许可证照", $"/Supervision/Licences?organizationId={organizationId}", "licences") : null;
}
