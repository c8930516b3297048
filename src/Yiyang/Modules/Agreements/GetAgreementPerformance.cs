using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.GreenChannel;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.Agreements;

public sealed record PerformanceDto(
    long AgreementId, DateOnly From, DateOnly To, int? PlannedRounds, int ReferralsSent, int ReferralsReceived, int ReferralsAccepted,
    double? MedianMinutesToAccept, int GreenChannelAppointments, int GreenChannelServed, double? MedianMinutesToCare);

/// <summary>
/// 履约情况: performance over the term so far (or [from, to] within it): referrals between the two organizations (sent =
/// care → medical, received = medical → care) with the median minutes from request to acceptance; green-channel
/// appointments on the agreement's quotas and how many were served with the median minutes arrival → served; planned 巡诊 visits.
/// </summary>
public sealed class GetAgreementPerformance(YiyangDb db, AuditTrail audit, AgreementAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}/performance", async Task<Ok<PerformanceDto>> (long id, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to,
                GetAgreementPerformance handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, from, to, ct)))
            .ProducesProblems(404)
            .WithSummary("履约情况：双方之间的转诊（发出/接收、接收中位分钟数）、绿色通道预约与就诊、计划巡诊次数");

    public async Task<PerformanceDto> HandleAsync(long id, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var a = await access.Visible().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw AgreementAccess.Missing();
        var start = from is { } f && f > a.StartOn ? f : a.StartOn;
        var endLimit = a.TerminatedOn is { } t && t < a.EndOn ? t : a.EndOn;
        var end = to is { } u && u < endLimit ? u : endLimit;
        if (end > access.Today) end = access.Today;
        var fromInstant = start.ChinaStartOfDay();
        var toInstant = end.AddDays(1).ChinaStartOfDay();
        var (m, c) = (a.MedicalOrganizationId, a.CareOrganizationId);

        var referrals = await db.Set<Referral>().AsNoTracking()
            .Where(r => ((r.FromOrganizationId == c && r.ToOrganizationId == m) || (r.FromOrganizationId == m && r.ToOrganizationId == c)))
            .Select(r => new { r.FromOrganizationId, r.RequestedAt, r.AcceptedAt }).ToListAsync(ct);
        referrals = referrals.Where(r => r.RequestedAt >= fromInstant && r.RequestedAt < toInstant).ToList();
        var accepted = referrals.Where(r => r.AcceptedAt is not null).Select(r => (int)(r.AcceptedAt!.Value - r.RequestedAt).TotalMinutes).ToList();

        // the green-channel appointments booked on this agreement's quotas (not every appointment of the pair)
        var appointments = await (from x in db.Set<GreenChannelAppointment>().AsNoTracking()
                                  join q in db.Set<GreenChannelQuota>().AsNoTracking() on x.QuotaId equals q.Id
                                  where q.AgreementId == id && x.Date >= start && x.Date <= end
                                  select new { x.Status, x.ArrivedAt, x.ServedAt }).ToListAsync(ct);
        var served = appointments.Where(x => x.Status == AppointmentStatus.Served && x.ArrivedAt is not null && x.ServedAt is not null)
            .Select(x => (int)(x.ServedAt!.Value - x.ArrivedAt!.Value).TotalMinutes).ToList();

        await audit.RecordAsync("agreements.performance", "agreement", id.ToString(), wait: false);
        return new PerformanceDto(id, start, end,
            a.RoundsPerMonth is { } perMonth && a.Status != AgreementStatus.Draft ? AgreementRules.PlannedRounds(perMonth, start, end) : null,
            referrals.Count(r => r.FromOrganizationId == c), referrals.Count(r => r.FromOrganizationId == m), accepted.Count,
            AgreementRules.Median(accepted), appointments.Count, served.Count, AgreementRules.Median(served));
    }
}
