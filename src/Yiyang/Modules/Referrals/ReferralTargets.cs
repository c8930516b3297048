using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Referrals;

/// <summary>The organizations a referral can be addressed to (all but the user's own), for the 发起转诊 form.</summary>
public sealed class ReferralTargets(YiyangDb db, CurrentUser user, ReferralAccess access)
{
    public async Task<IReadOnlyList<OrganizationOption>> ListAsync(CancellationToken ct)
    {
        access.DemandStaff();
        var own = user.OrganizationId;
        return await db.Organizations.AsNoTracking().Where(o => o.Id != own).OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .Select(o => new OrganizationOption(o.Id, o.Name, o.Kind == OrganizationKind.Medical ? "medical" : o.Kind == OrganizationKind.ElderlyCare ? "elderly-care" : "integrated",
                o.MedicalType)).ToListAsync(ct);
    }
}
