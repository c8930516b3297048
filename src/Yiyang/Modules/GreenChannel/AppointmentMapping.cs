using Yiyang.Modules.Elders;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.GreenChannel;

/// <summary>Appointments as the API shows them: the elder's name masked outside the user's scope, the steps the user's side may take now.</summary>
public sealed class AppointmentMapping(YiyangDb db, CurrentUser user, GreenChannelAccess access)
{
    public async Task<IReadOnlyList<AppointmentDto>> ToDtosAsync(IReadOnlyList<GreenChannelAppointment> rows, CancellationToken ct)
    {
        var elderIds = rows.Select(a => a.ElderId).Distinct().ToList();
        var elders = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var names = await access.NamesAsync(rows.SelectMany(a => new[] { a.HospitalOrganizationId, a.CareOrganizationId }), ct);
        var today = access.Today;
        return rows.Select(a =>
        {
            var e = elders[a.ElderId];
            var hospitalSide = access.IsHospitalSide(a);
            var careSide = access.IsCareSide(a);
            var actions = Enum.GetValues<AppointmentAction>().Where(x => AppointmentRules.Refusal(a.Status, x, hospitalSide, careSide) is null)
                .Select(x => x.ToString().ToLowerInvariant()).ToList();
            return new AppointmentDto(a.Id, a.QuotaId, new OrgRef(a.HospitalOrganizationId, names[a.HospitalOrganizationId]),
                new OrgRef(a.CareOrganizationId, names[a.CareOrganizationId]), a.Department, a.ElderId,
                ElderScope.Allows(user, e) ? e.Name : Masking.Name(e.Name), e.AgeOn(today), CodeLists.SexName(e.Sex),
                a.Date, a.SlotOrdinal, a.DailyQuota, AppointmentRules.StatusCode(a.Status), AppointmentRules.StatusName(a.Status), a.Reason, a.ReferralId,
                a.BookedAt, a.ConfirmedAt, a.ArrivedAt, a.ServedAt, a.CancelledAt, a.CancelReason,
                AppointmentRules.MinutesToCare(a.ArrivedAt, a.ServedAt), AppointmentRules.MinutesFromBooking(a.BookedAt, a.ServedAt), actions, a.Version);
        }).ToList();
    }
}
