using Yiyang.Modules.Elders;
using Yiyang.Modules.Institutions;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.DailyCare;

/// <summary>
/// Who works on daily care records (docs/domain/institutions.md#daily-care-records): only the institution's own staff (and
/// the city operator) see and write them; the elder must be in the user's write scope (<see cref="ElderScope"/> with
/// <c>forWrite</c>), so a partner hospital never writes. Also the dates one may record or look at.
/// </summary>
public sealed class DailyCareAccess(YiyangDb db, CurrentUser user, TimeProvider clock)
{
    public const string Module = "daily-care";

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    private static NotFoundException NoInstitution() => new("未找到该养老机构，或您无权查看。");

    /// <summary>The care institution, if the user works there (or is the city operator) and the role may use <paramref name="policy"/>.</summary>
    public async Task<Organization> InstitutionAsync(long orgId, string policy, CancellationToken ct)
    {
        user.Demand(policy);
        if (!user.Can(InstitutionPolicies.AllInstitutions) && user.OrganizationId != orgId) throw NoInstitution();
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) ?? throw NoInstitution();
        if (org.Kind is not (OrganizationKind.ElderlyCare or OrganizationKind.Integrated)) throw NoInstitution();
        return org;
    }

    public Task<InstitutionStay> StayAsync(long stayId, bool forWrite, CancellationToken ct) =>
        ResidentAccess.StayAsync(db, user, stayId, forWrite, DailyCarePolicies.Record, ct);

    /// <summary>The residents' elders the user may see.</summary>
    public IQueryable<Elder> Elders() => ElderScope.Apply(db.Elders.AsNoTracking(), user);

    /// <summary>A date of records (today when none): not in the future, not before the back-fill window.</summary>
    public DateOnly CheckDate(DateOnly? date, string field = "date")
    {
        var today = clock.ChinaToday();
        var d = date ?? today;
        if (d > today) throw ValidationFailedException.For(field, "不能登记或查看今天以后的照护记录。");
        if (d < today.AddDays(-DailyCareRules.BackfillDays))
            throw ValidationFailedException.For(field, $"只能查看和补录最近 {DailyCareRules.BackfillDays} 天的照护记录。");
        return d;
    }

    public static string Label(InstitutionBed b) => $"{b.Ward} {b.Room} {b.Number}床";

    public static CareRecordDto ToDto(DailyCareRecord r, DateTimeOffset now) =>
        new(r.Id, r.StayId, r.PlanItemId, r.CareOn, r.Occurrence, DailyCareRules.StatusCode(r.Status), DailyCareRules.StatusName(r.Status),
            r.Reason is { } c ? DailyCareRules.ReasonCode(c) : null, r.Reason is { } n ? DailyCareRules.ReasonName(n) : null, r.Note,
            r.PerformedBy, r.PerformedAt, DailyCareRules.Correctable(r.CreatedAt, now), r.Version);

    /// <summary>A not-done for 身体原因 goes to the elder's timeline (other records do not: one event per item and day would drown it).</summary>
    public TimelineEvent PhysicalEvent(long elderId, DateTimeOffset now, string serviceName, DateOnly d) =>
        TimelineEvent.Create(elderId, now, "daily-care.not-done.physical", Module, $"照护项目未完成（身体原因）：{serviceName}，{d:yyyy-MM-dd}", Actor);
}
