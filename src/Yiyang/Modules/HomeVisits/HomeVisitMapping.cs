namespace Yiyang.Modules.HomeVisits;

/// <summary>A visit as the API shows it, and the rows of visit lists.</summary>
public static class HomeVisitMapping
{
    public static VisitDto ToDto(HomeVisit v, string elderName, string? teamName) => new(
        v.Id, v.ElderId, elderName, v.TownshipCode, v.TeamId, teamName, v.OrganizationId, v.PlannedDate,
        VisitRules.SourceCode(v.Source), VisitRules.Kind(v.Source), VisitRules.StatusCode(v.Status), VisitRules.StatusName(v.Status),
        v.CheckedInAt, v.Latitude, v.Longitude, v.AccuracyMeters, v.CheckedOutAt, v.Notes,
        v.ConfirmedBy is { } by
            ? new ConfirmationDto(by == ConfirmedBy.Self ? "self" : "family", by == ConfirmedBy.Self ? "本人确认" : "家属确认", v.ConfirmerName, v.ConfirmerRelation)
            : null,
        v.StaffUser,
        v.Services.OrderByDescending(s => s.Planned).ThenBy(s => s.Id)
            .Select(s => new VisitServiceDto(s.ServiceCode, s.ServiceName, s.Planned, VisitRules.ServiceStatusCode(s.Status),
                VisitRules.ServiceStatusName(s.Status), s.SkipReason, s.RecordedAt)).ToList(),
        v.Vital is { } x
            ? new VitalsDto(x.SystolicMmHg, x.DiastolicMmHg, x.PulsePerMin, x.TemperatureC, x.GlucoseMmolL, x.Spo2Percent, x.WeightKg, x.RecordedAt)
            : null,
        VisitRules.OpenServices(v.Services).Select(s => s.ServiceCode).ToList(),
        v.Version, v.DistanceKm, []);

    /// <summary>The list rows of the visits of <paramref name="query"/>, with the elder's name.</summary>
    public static async Task<List<VisitListItem>> ListItemsAsync(YiyangDb db, IQueryable<HomeVisit> query, CancellationToken ct)
    {
        var rows = await (from v in query
                          join e in db.Elders on v.ElderId equals e.Id
                          select new { v, e.Name, Abnormal = db.Set<HomeVisitVitalBreach>().Any(b => b.VisitId == v.Id && b.Active) })
            .ToListAsync(ct);
        return rows.Select(r => new VisitListItem(r.v.Id, r.v.ElderId, r.Name, r.v.PlannedDate, VisitRules.SourceCode(r.v.Source),
            VisitRules.Kind(r.v.Source), VisitRules.StatusCode(r.v.Status), VisitRules.StatusName(r.v.Status), r.v.CheckedInAt,
            r.v.CheckedOutAt, r.v.TeamId, r.Abnormal)).ToList();
    }
}
