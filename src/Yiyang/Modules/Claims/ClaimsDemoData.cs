using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.Claims;

/// <summary>
/// Demo claims (called by the demo seeder inside its transaction, after the care-plan and agreement data): the demo bed
/// boards (<see cref="InstitutionsDemoData"/>), then for 金华's residents who have a signed care assessment an earlier
/// initial assessment (so that it already covered last month), a 长护险（机构） coverage period from admission, and the
/// generated claim of last month — the hospital days of the resident who was in hospital are not billed, the resident with
/// an expired assessment and the ones without assessment are listed as excluded.
/// </summary>
public static class ClaimsDemoData
{
    private const string Actor = "demo-seed";

    public static async Task SeedAsync(YiyangDb db, IReadOnlyDictionary<string, long> orgIds, DateTimeOffset now, CancellationToken ct)
    {
        var stays = await InstitutionsDemoData.SeedAsync(db, orgIds, now, ct);
        if (stays.Count == 0) return;
        var today = now.ChinaDate();
        var firstOfLastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var orgId = stays[0].OrganizationId;
        var elderIds = stays.Select(s => s.ElderId).ToList();
        var latest = (await db.Set<Assessment>().AsNoTracking()
                .Where(a => elderIds.Contains(a.ElderId) && a.Status == AssessmentStatus.Signed && ClaimRules.Instruments.Contains(a.InstrumentCode))
                .ToListAsync(ct))
            .GroupBy(a => a.ElderId).Select(g => g.OrderByDescending(a => a.AssessedOn).First()).ToList();
        foreach (var a in latest)
        {
            // still valid today: the care-plan assessment is a routine one; its initial assessment four months ago covers last month
            if (a.NextDue is { } due && due < today) continue;
            var stay = stays.First(s => s.ElderId == a.ElderId);
            var initialOn = today.AddMonths(-4);
            db.Add(new Assessment
            {
                ElderId = a.ElderId,
                TownshipCode = a.TownshipCode,
                CountyCode = a.CountyCode,
                InstrumentCode = a.InstrumentCode,
                InstrumentVersion = a.InstrumentVersion,
                Reason = "initial",
                AssessedOn = initialOn,
                AssessorsJson = a.AssessorsJson,
                AnswersJson = a.AnswersJson,
                ResultJson = a.ResultJson,
                Total = a.Total,
                LevelCode = a.LevelCode,
                LevelName = a.LevelName,
                Status = AssessmentStatus.Signed,
                NextDue = ReassessmentRules.NextDue(a.InstrumentCode, initialOn, 12),
                OrganizationId = a.OrganizationId,
                CreatedBy = Actor,
                SignedBy = Actor,
                SignedAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            });
            db.Add(new CoveragePeriod
            {
                ElderId = a.ElderId,
                OrganizationId = orgId,
                PayerClass = PayerClass.LtcInstitution,
                StartOn = stay.AdmittedOn,
                Note = "演示数据",
                CreatedByUser = Actor,
                CreatedAt = now,
                Slots = CoverageRules.Groups(PayerClass.LtcInstitution)
                    .Select(g => new CoverageSlot { ElderId = a.ElderId, ExclusionGroup = g, StartOn = stay.AdmittedOn }).ToList(),
            });
            db.TimelineEvents.Add(TimelineEvent.Create(a.ElderId, now, "claims.coverage.created", "claims",
                $"待遇期：{CoverageRules.Name(PayerClass.LtcInstitution)} {CoverageRules.Range(stay.AdmittedOn, null)}（演示数据）", Actor));
        }
        await db.SaveChangesAsync(ct);

        var claim = await ClaimBuilder.BuildAsync(db, orgId, PayerClass.LtcInstitution, firstOfLastMonth.Year, firstOfLastMonth.Month, today,
            new ClaimsOptions(), Actor, now, ct);
        var billed = claim.Lines.Where(l => l.ExcludedReason is null).ToList();
        claim.BedDays = billed.Sum(l => l.BedDays);
        claim.Amount = billed.Sum(l => l.Amount);
        db.Add(claim);
        foreach (var l in billed)
            db.TimelineEvents.Add(TimelineEvent.Create(l.ElderId, now, "claims.line.created", "claims",
                $"{CoverageRules.Name(PayerClass.LtcInstitution)}结算 {claim.Month}：{l.BedDays} 床日 × {l.DailyRate:0.00} 元（{l.GradeName}）= {l.Amount:0.00} 元", Actor));
        await db.SaveChangesAsync(ct);
    }
}
