using Yiyang.Modules.Agreements;

namespace Yiyang.Modules.GreenChannel;

/// <summary>
/// The agreements under which the user may open a quota (the choices of the 设置名额 form): in force today, with the
/// 绿色通道 item, and the user's organization the medical party (platform admin: every such agreement).
/// </summary>
public sealed class QuotaAgreements(YiyangDb db, CurrentUser user, GreenChannelAccess access)
{
    public async Task<IReadOnlyList<QuotaAgreementChoice>> ListAsync(CancellationToken ct)
    {
        access.DemandStaff();
        if (!user.Can(GreenChannelPolicies.ManageQuotas)) return [];
        var org = user.OrganizationId;
        var all = access.SeesAll;
        var rows = await db.Set<Agreement>().AsNoTracking()
            .Where(a => a.Status == AgreementStatus.Effective && (all || a.MedicalOrganizationId == org))
            .OrderBy(a => a.Id).ToListAsync(ct);
        var list = rows.Where(a => access.InForce(a) && a.Items.Split(',').Contains(GreenChannelAccess.GreenChannelItem)).ToList();
        var names = await access.NamesAsync(list.SelectMany(a => new[] { a.MedicalOrganizationId, a.CareOrganizationId }), ct);
        return list.Select(a => new QuotaAgreementChoice(a.Id,
            $"{names[a.MedicalOrganizationId]} — {names[a.CareOrganizationId]}（{a.StartOn:yyyy-MM-dd} 至 {a.EndOn:yyyy-MM-dd}）")).ToList();
    }
}
