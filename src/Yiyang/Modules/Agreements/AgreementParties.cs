using Yiyang.Modules.Organizations;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.Agreements;

/// <summary>The organizations that may be a party of an agreement (the choices of the 起草协议 form).</summary>
public sealed class AgreementParties(YiyangDb db)
{
    /// <summary>Medical parties (medical and integrated organizations), or care parties (care and integrated organizations), by name.</summary>
    public async Task<IReadOnlyList<OrgRef>> ListAsync(bool medical, CancellationToken ct) =>
        await db.Organizations.AsNoTracking()
            .Where(o => medical ? o.Kind != OrganizationKind.ElderlyCare : o.Kind != OrganizationKind.Medical)
            .OrderBy(o => o.Name).Select(o => new OrgRef(o.Id, o.Name)).ToListAsync(ct);
}
