using System.Globalization;
using Yiyang.Modules.Emergency;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.Inbox;

namespace Yiyang.Modules.HomeVisits;

/// <summary>
/// Marks the vitals of a visit that are beyond the elder's thresholds (theirs, or the defaults) and tells, once per visit
/// and field: the responsible doctor's inbox and the call centre's vitals incident (docs/domain/inbox.md). Runs in the
/// transaction that saves the vitals.
/// </summary>
public sealed class VisitVitalAlerts(
    YiyangDb db, HomeVisitAccess access, VitalThresholdSettings thresholds, VitalAlerts alerts, InboxWriter inbox, ResponsibleDoctors doctors,
    AuditTrail audit, TimeProvider clock)
{
    public const string SourceName = "上门服务体征";

    public static string Link(long visitId) => "/HomeCare/Visit/" + visitId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Updates the visit's marks; saves them first (a racing save of the same breach is a 409), then alerts on the new ones.</summary>
    public async Task ApplyAsync(HomeVisit visit, VitalsInput vitals, CancellationToken ct)
    {
        var limits = await thresholds.ForElderAsync(visit.ElderId, ct);
        var breaches = VitalThresholds.Check(vitals, limits);
        var rows = await db.Set<HomeVisitVitalBreach>().Where(b => b.VisitId == visit.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var fresh = new List<VitalThresholds.Breach>();
        foreach (var b in breaches)
        {
            if (rows.FirstOrDefault(r => r.Field == b.Field) is { } row)
            {
                (row.Text, row.Active, row.UpdatedAt) = (b.Text, true, now);
                continue;
            }
            fresh.Add(b);
            db.Add(new HomeVisitVitalBreach
            {
                VisitId = visit.Id,
                ElderId = visit.ElderId,
                Field = b.Field,
                Text = b.Text,
                Active = true,
                AlertedAt = now,
                UpdatedAt = now,
                CountyCode = visit.CountyCode,
            });
        }
        foreach (var row in rows.Where(r => r.Active && breaches.All(b => b.Field != r.Field)))
            (row.Active, row.UpdatedAt) = (false, now);
        await access.SaveAsync(ct);
        if (fresh.Count > 0) await AlertAsync(visit, fresh, ct);
    }

    private async Task AlertAsync(HomeVisit visit, List<VitalThresholds.Breach> fresh, CancellationToken ct)
    {
        var link = Link(visit.Id);
        var kind = VisitRules.Kind(visit.Source);
        var elder = await db.Elders.AsNoTracking().Where(e => e.Id == visit.ElderId).Select(e => e.Name).FirstAsync(ct);
        var recipients = await doctors.ForElderAsync(visit.ElderId, visit.OrganizationId, ct);
        var sent = 0;
        foreach (var b in fresh)
        {
            sent += await inbox.SendAsync(new InboxNote(recipients, InboxKinds.VitalAlert, visit.ElderId, link, $"{elder}（{kind}）{b.Text}",
                $"home-visit:{visit.Id}:{b.Field}", visit.CountyCode), ct);
        }
        var incident = await alerts.RaiseAsync(new VitalAlert(visit.ElderId, null, kind, fresh, visit.TownshipCode, visit.CountyCode, access.Actor,
            SourceName, link), ct);
        access.AddEvent(visit.ElderId, "homecare.visit.vitals-alert", $"{kind}体征异常：" + string.Join("，", fresh.Select(b => b.Text)));
        await access.SaveAsync(ct);
        await audit.RecordAsync("homecare.visit.vitals-alert", "home-visit", visit.Id.ToString(CultureInfo.InvariantCulture), visit.ElderId,
            $"fields={string.Join(",", fresh.Select(b => b.Field))}; inbox={sent}; incident={incident?.Id}");
    }

    /// <summary>The marks of a visit still in force (the visit page, the API).</summary>
    public static async Task<List<VitalBreachDto>> ActiveAsync(YiyangDb db, long visitId, CancellationToken ct) =>
        await db.Set<HomeVisitVitalBreach>().AsNoTracking().Where(b => b.VisitId == visitId && b.Active).OrderBy(b => b.Id)
            .Select(b => new VitalBreachDto(b.Field, b.Text)).ToListAsync(ct);
}
