using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Agreements;
using Yiyang.Modules.Referrals;

namespace Yiyang.Modules.GreenChannel;

/// <summary>
/// 名额一览: the quotas the user's organization gives or may use, with the slots booked and left on the date; <c>open</c>
/// says whether the agreement is in force today (only then can it be booked).
/// </summary>
public sealed class ListQuotas(YiyangDb db, CurrentUser user, GreenChannelAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/quotas", async Task<Ok<IReadOnlyList<QuotaDto>>> ([FromQuery] DateOnly? date, ListQuotas handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(date, ct)))
            .WithSummary("本机构提供或可用的名额及某日已约、剩余数；open = 协议在有效期内");

    public async Task<IReadOnlyList<QuotaDto>> HandleAsync(DateOnly? date, CancellationToken ct)
    {
        access.DemandStaff();
        var day = date ?? access.Today;
        var org = user.OrganizationId;
        var all = access.SeesAll;
        var rows = await (from q in db.Set<GreenChannelQuota>().AsNoTracking()
                          join a in db.Set<Agreement>().AsNoTracking() on q.AgreementId equals a.Id
                          where all || q.HospitalOrganizationId == org || q.CareOrganizationId == org
                          orderby q.HospitalOrganizationId, q.Department
                          select new { q, a }).ToListAsync(ct);
        var ids = rows.Select(x => x.q.Id).ToList();
        var booked = await db.Set<GreenChannelAppointment>().AsNoTracking()
            .Where(a => ids.Contains(a.QuotaId) && a.Date == day && a.Status != AppointmentStatus.Cancelled)
            .GroupBy(a => a.QuotaId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var names = await access.NamesAsync(rows.SelectMany(x => new[] { x.q.HospitalOrganizationId, x.q.CareOrganizationId }), ct);
        return rows.Select(x =>
        {
            var q = x.q;
            var n = booked.GetValueOrDefault(q.Id);
            return new QuotaDto(q.Id, q.AgreementId, access.InForce(x.a), new OrgRef(q.HospitalOrganizationId, names[q.HospitalOrganizationId]),
                new OrgRef(q.CareOrganizationId, names[q.CareOrganizationId]), q.Department, q.DailyQuota, day, n, Math.Max(0, q.DailyQuota - n));
        }).ToList();
    }
}
