using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// Demo bed boards (called by <c>ClaimsDemoData</c>, inside the demo seeder's transaction): registered beds of 金华老年公寓,
/// 王益区社会福利院 and 颐养苑 with residents, so that the bed board, the public free-beds list and the claims have data.
/// 金华's residents are the elders with a signed care assessment (care-plan demo data) plus two without; one of them was in
/// hospital last month (10th–15th), another is on personal leave now. Returns the 金华 stays.
/// </summary>
public static class InstitutionsDemoData
{
    private const string Actor = "demo-seed";

    public static async Task<IReadOnlyList<InstitutionStay>> SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now,
        CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var firstOfLastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var stays = new List<InstitutionStay>();
        if (orgIds.TryGetValue("jinhua", out var jinhua))
        {
            var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == jinhua, ct);
            var beds = await BedsAsync(db, org, now, [("一病区（护理）", "10", 6, BedKind.Nursing), ("二病区（养老）", "20", 3, BedKind.ElderCare), ("医疗区", "30", 2, BedKind.Medical)], ct);
            var assessed = await db.Set<Assessment>().AsNoTracking()
                .Where(a => a.OrganizationId == jinhua && a.Status == AssessmentStatus.Signed && a.CreatedBy == Actor)
                .Select(a => a.ElderId).Distinct().ToListAsync(ct);
            var others = await db.Elders.AsNoTracking().Where(e => e.ResponsibleOrganizationId == jinhua && !assessed.Contains(e.Id))
                .OrderBy(e => e.Id).Select(e => e.Id).Take(2).ToListAsync(ct);
            var residents = assessed.Order().Concat(others).ToList();
            for (var n = 0; n < residents.Count && n < beds.Count; n++)
                stays.Add(await AdmitAsync(db, org.Id, residents[n], beds[n], firstOfLastMonth.AddDays(-10 - n), n % 3 == 0 ? "CT-JH-" + (2026001 + n) : null, now, ct));
            if (stays.Count > 3)
            {
                // in hospital last month from the 10th, back on the 15th; on personal leave since yesterday
                AddLeave(db, stays[2], LeaveKind.Hospitalised, firstOfLastMonth.AddDays(9), firstOfLastMonth.AddDays(14), firstOfLastMonth.AddDays(14), "肺部感染住院", now);
                AddLeave(db, stays[3], LeaveKind.Personal, today.AddDays(-1), today.AddDays(2), null, "随子女回家小住", now);
                await db.SaveChangesAsync(ct);
            }
        }
        foreach (var (key, layout, count) in new[]
                 {
                     ("welfare", new[] { ("一区（养老）", "10", 4, BedKind.ElderCare), ("二区（护理）", "20", 2, BedKind.Nursing) }, 5),
                     ("yiyangyuan", new[] { ("一区（养老）", "10", 3, BedKind.ElderCare), ("二区（护理）", "20", 2, BedKind.Nursing) }, 3),
                 })
        {
            if (!orgIds.TryGetValue(key, out var id)) continue;
            var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == id, ct);
            var beds = await BedsAsync(db, org, now, layout, ct);
            var taken = await db.Set<InstitutionStay>().AsNoTracking().Where(s => s.DischargedOn == null).Select(s => s.ElderId).ToListAsync(ct);
            var elders = await db.Elders.AsNoTracking().Where(e => e.TownshipCode == org.TownshipCode && !taken.Contains(e.Id))
                .OrderBy(e => e.Id).Select(e => e.Id).Take(count).ToListAsync(ct);
            for (var n = 0; n < elders.Count; n++)
                await AdmitAsync(db, org.Id, elders[n], beds[n], today.AddDays(-30 - 7 * n), null, now, ct);
        }
        return stays;
    }

    /// <summary>Two beds per room: rooms prefix+1 … prefix+rooms of the ward.</summary>
    private static async Task<List<InstitutionBed>> BedsAsync(YiyangDb db, Organization org, DateTimeOffset now,
        IEnumerable<(string Ward, string RoomPrefix, int Rooms, BedKind Kind)> layout, CancellationToken ct)
    {
        var beds = new List<InstitutionBed>();
        foreach (var (ward, prefix, rooms, kind) in layout)
            for (var r = 1; r <= rooms; r++)
                for (var b = 1; b <= 2; b++)
                    beds.Add(new InstitutionBed
                    {
                        OrganizationId = org.Id,
                        Ward = ward,
                        Room = prefix + r,
                        Number = b.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Kind = kind,
                        TownshipCode = org.TownshipCode,
                        CountyCode = org.CountyCode,
                        CreatedAt = now,
                    });
        db.AddRange(beds);
        await db.SaveChangesAsync(ct);
        return beds;
    }

    private static async Task<InstitutionStay> AdmitAsync(YiyangDb db, long orgId, long elderId, InstitutionBed bed, DateOnly admittedOn, string? contract,
        DateTimeOffset now, CancellationToken ct)
    {
        var elder = await db.Elders.AsNoTracking().FirstAsync(e => e.Id == elderId, ct);
        var stay = new InstitutionStay
        {
            OrganizationId = orgId,
            ElderId = elderId,
            BedId = bed.Id,
            AdmittedOn = admittedOn,
            ContractNumber = contract,
            ContractStartOn = contract is null ? null : admittedOn,
            ContractEndOn = contract is null ? null : admittedOn.AddYears(1).AddDays(-1),
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            CreatedByUser = Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(stay);
        db.TimelineEvents.Add(TimelineEvent.Create(elderId, now, "institutions.stay.admitted", "institutions",
            $"入住：{bed.Ward} {bed.Room} {bed.Number}床（{BedRules.KindName(bed.Kind)}），{admittedOn:yyyy-MM-dd}（演示数据）", Actor));
        await db.SaveChangesAsync(ct);
        return stay;
    }

    private static void AddLeave(YiyangDb db, InstitutionStay stay, LeaveKind kind, DateOnly start, DateOnly expected, DateOnly? returned, string note,
        DateTimeOffset now) =>
        db.Add(new InstitutionLeave
        {
            StayId = stay.Id,
            ElderId = stay.ElderId,
            OrganizationId = stay.OrganizationId,
            Kind = kind,
            StartOn = start,
            ExpectedReturnOn = expected,
            ReturnedOn = returned,
            Note = note,
            CreatedByUser = Actor,
            CreatedAt = now,
            UpdatedAt = now,
        });
}
