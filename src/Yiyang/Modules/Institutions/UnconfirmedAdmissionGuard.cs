using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// Holds back the contact data (phone, address, contacts) of an elder registered elsewhere while their admission by ID
/// card is not confirmed by a check-in (<see cref="CheckInStay"/>): whoever is not the registering organization's staff
/// waits for it. The ID number itself was typed at the desk, so it is not held back here.
/// </summary>
public sealed class UnconfirmedAdmissionGuard(YiyangDb db, CurrentUser user) : IContactRevealGuard
{
    public async Task<string?> RefusalAsync(Elder elder, string field, CancellationToken ct)
    {
        if (field is not ("phone" or "address" or "contacts")) return null;
        if (user.OrganizationId is not { } org || elder.ResponsibleOrganizationId == org) return null;
        var unconfirmed = await (from r in db.Set<AdmissionReview>().AsNoTracking()
                                 join s in db.Set<InstitutionStay>().AsNoTracking() on r.StayId equals s.Id
                                 where r.ElderId == elder.Id && r.ConfirmedAt == null && s.DischargedOn == null
                                 select r.Id).AnyAsync(ct);
        return unconfirmed
            ? "该老人凭身份证办理入住，尚未到院登记：由办理入住以外的工作人员在入住详情页登记到院后，才能查看联系方式。"
            : null;
    }
}
