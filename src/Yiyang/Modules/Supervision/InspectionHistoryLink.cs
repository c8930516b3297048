using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

/// <summary>检查记录（信用记录） on the organization's page, for those who read inspections.</summary>
public sealed class InspectionHistoryLink(CurrentUser user) : IOrganizationPageLink
{
    public (string Text, string Href, string Id)? For(long organizationId) =>
        user.Can(SupervisionPolicies.ReadInspections) ? ("检查记录（信用记录）", $"/Supervision/History?organizationId={organizationId}", "inspection-history") : null;
}
