using Yiyang.Modules.Agreements;

namespace Yiyang.Modules.GreenChannel;

/// <summary>
/// Green-channel appointments (docs/domain/collaboration.md#green-channel-booking): a care institution books a resident
/// into a partner hospital department within the department's daily quota; the hospital confirms, records the arrival and
/// the moment the elder is seen (time-to-care). A quota hangs off a cooperation agreement with the 绿色通道 item; booking
/// is allowed only while that agreement is in force (<see cref="AgreementRules.IsInForce"/>). The quota is a database
/// invariant (unique live slot ordinal ≤ quota), also under concurrent bookings. This class holds who sees what.
/// </summary>
public sealed class GreenChannelAccess(YiyangDb db, CurrentUser user, TimeProvider clock)
{
    /// <summary>The module name on the elder's timeline.</summary>
    public const string Module = "greenchannel";

    /// <summary>The content item of an agreement that opens the channel.</summary>
    public const string GreenChannelItem = "green-channel";

    /// <summary>The city operator: every organization, either side.</summary>
    public bool SeesAll => user.Can(GreenChannelPolicies.AnyOrganization);

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    public DateOnly Today => clock.ChinaToday();

    public static NotFoundException NoAppointment() => new("未找到该预约，或您无权查看。");

    /// <summary>403 unless the user works the green channel at all.</summary>
    public void DemandStaff() => user.Demand(GreenChannelPolicies.Use);

    /// <summary>True when the user sets the quotas of this hospital: its institution admin, or the city operator.</summary>
    public bool CanManage(long hospitalOrganizationId) =>
        SeesAll || (user.Can(GreenChannelPolicies.ManageQuotas) && user.OrganizationId == hospitalOrganizationId);

    /// <summary>The appointments the user may see: the city operator all; staff those of their organization (either side).</summary>
    public IQueryable<GreenChannelAppointment> Scoped()
    {
        var q = db.Set<GreenChannelAppointment>().AsQueryable();
        if (SeesAll) return q;
        if (!user.Can(GreenChannelPolicies.OwnOrganization) || user.OrganizationId is not { } org) return q.Where(a => false);
        return q.Where(a => a.HospitalOrganizationId == org || a.CareOrganizationId == org);
    }

    public bool IsHospitalSide(GreenChannelAppointment a) => SeesAll || user.OrganizationId == a.HospitalOrganizationId;

    public bool IsCareSide(GreenChannelAppointment a) => SeesAll || user.OrganizationId == a.CareOrganizationId;

    public bool InForce(Agreement a) => AgreementRules.IsInForce(a.Status, a.StartOn, a.EndOn, Today);

    /// <summary>The 409 when the agreement behind a quota is not in force.</summary>
    public static ConflictException Closed(Agreement a, DateOnly today) =>
        new("agreement-not-in-force",
            $"该绿色通道所依据的签约合作协议当前状态为“{AgreementRules.StatusName(AgreementRules.StatusOn(a.Status, a.EndOn, today))}”，不在有效期内，不能预约；已有预约仍可查看和就诊。");

    public async Task<Dictionary<long, string>> NamesAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organizations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
