using Yiyang.Modules.Elders;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.DailyCare;

/// <summary>Who may work on a resident's stay: a role of the policy, the stay's own institution (or the city operator), the elder in scope.</summary>
internal static class ResidentAccess
{
    /// <summary>The stay, or 404 when it is another institution's or the elder is out of (write) scope; 403 for a role outside <paramref name="policy"/>.</summary>
    public static async Task<InstitutionStay> StayAsync(YiyangDb db, CurrentUser user, long stayId, bool forWrite, string policy, CancellationToken ct)
    {
        user.Demand(policy);
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite);
        var stay = await db.Set<InstitutionStay>().AsNoTracking().Where(s => elders.Any(e => e.Id == s.ElderId)).FirstOrDefaultAsync(s => s.Id == stayId, ct);
        if (stay is null || (!user.Can(InstitutionPolicies.AllInstitutions) && user.OrganizationId != stay.OrganizationId))
            throw new NotFoundException("未找到该住户，或您无权查看。");
        return stay;
    }
}
