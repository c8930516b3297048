using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.Claims;

/// <summary>
/// Builds (does not save) the monthly claim of an institution: one line per resident of the month, billed
/// (<see cref="BedDayRules"/> × daily rate of the care grade) or excluded with the reason. Shared with the demo data.
/// </summary>
public static class ClaimBuilder
{
    public static async Task<Claim> BuildAsync(YiyangDb db, long orgId, PayerClass payer, int year, int month, DateOnly today, ClaimsOptions opts,
        string actor, DateTimeOffset now, CancellationToken ct)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var stays = await db.Set<InstitutionStay>().AsNoTracking()
            .Where(s => s.OrganizationId == orgId && s.AdmittedOn <= last && (s.DischargedOn == null || s.DischargedOn >= first))
            .ToListAsync(ct);
        var elderIds = stays.Select(s => s.ElderId).Distinct().ToList();
        var stayIds = stays.Select(s => s.Id).ToList();
        var leaves = await db.Set<InstitutionLeave>().AsNoTracking()
            .Where(l => stayIds.Contains(l.StayId) && l.StartOn <= last && (l.ReturnedOn == null || l.ReturnedOn >= first))
            .Select(l => new { l.ElderId, l.Kind, l.StartOn, l.ReturnedOn })
            .ToListAsync(ct);
        var periods = await db.Set<CoveragePeriod>().AsNoTracking()
            .Where(p => elderIds.Contains(p.ElderId) && p.PayerClass == payer && p.StartOn <= last && (p.EndOn == null || p.EndOn >= first))
            .ToListAsync(ct);
        var assessments = await SignedAssessmentsAsync(db, elderIds, last, ct);
        var rates = await db.Set<DailyRate>().AsNoTracking().ToListAsync(ct);

        var claim = new Claim
        {
            OrganizationId = orgId,
            PayerClass = payer,
            Month = $"{year:D4}-{month:D2}",
            Status = ClaimStatus.Draft,
            CreatedByUser = actor,
            CreatedAt = now,
        };
        foreach (var elderId in elderIds.Order())
        {
            var days = BedDayRules.Days(stays.Where(s => s.ElderId == elderId).Select(s => new BedDayRules.Stay(s.AdmittedOn, s.DischargedOn)),
                year, month, periods.Where(p => p.ElderId == elderId).Select(p => new BedDayRules.Range(p.StartOn, p.EndOn)), opts, today,
                leaves.Where(l => l.ElderId == elderId).Select(l => new BedDayRules.Leave(l.Kind == LeaveKind.Hospitalised, l.StartOn, l.ReturnedOn)));
            claim.Lines.Add(Line(elderId, days, payer, assessments, rates));
        }
        var billed = claim.Lines.Where(l => l.ExcludedReason is null).ToList();
        claim.BedDays = billed.Sum(l => l.BedDays);
        claim.Amount = billed.Sum(l => l.Amount);
        return claim;
    }

    /// <summary>One resident's line: billed, or excluded with the reason (no bed-days, no valid assessment, grade not paid).</summary>
    private static ClaimLine Line(long elderId, IReadOnlyList<DateOnly> days, PayerClass payer, IReadOnlyList<SignedAssessment> assessments,
        IReadOnlyList<DailyRate> rates)
    {
        var line = new ClaimLine { ElderId = elderId, BedDays = days.Count };
        if (days.Count == 0)
        {
            line.ExcludedReason = $"本月无{CoverageRules.Name(payer)}待遇期内的床日。";
            return line;
        }
        var lastDay = days[^1];
        var a = ClaimRules.LatestOn(assessments, elderId, lastDay);
        if (a is null)
        {
            line.ExcludedReason = "无有效的失能等级评估（需已签署的长期护理失能等级评估或 GB/T 42195 老年人能力评估）。";
            return line;
        }
        line.AssessmentId = a.Id;
        line.InstrumentCode = a.InstrumentCode;
        line.GradeCode = a.LevelCode;
        line.GradeName = a.LevelName;
        if (ClaimRules.ExpiredOn(a, lastDay))
        {
            line.AssessmentId = null;
            line.ExcludedReason = $"失能等级评估已于 {a.NextDue:yyyy-MM-dd} 到期，请重新评估。";
            return line;
        }
        var rate = a.LevelCode is { } g
            ? rates.FirstOrDefault(r => r.InstrumentCode == a.InstrumentCode && r.GradeCode == g)?.Rate ?? ClaimRules.DefaultRate(a.InstrumentCode, g)
            : null;
        if (rate is null || rate == 0)
        {
            line.AssessmentId = null;
            line.ExcludedReason = $"评估等级（{a.LevelName ?? "无"}）不在长护险支付范围内。";
            return line;
        }
        line.DailyRate = rate;
        line.Amount = Math.Round(rate.Value * days.Count, 2, MidpointRounding.AwayFromZero);
        return line;
    }

    /// <summary>Signed GB/T 42195 / 长护险 2021 assessments of these elders assessed on or before <paramref name="until"/>.</summary>
    public static Task<List<SignedAssessment>> SignedAssessmentsAsync(YiyangDb db, IReadOnlyCollection<long> elderIds, DateOnly until, CancellationToken ct) =>
        db.Set<Assessment>().AsNoTracking()
            .Where(a => elderIds.Contains(a.ElderId) && a.Status == AssessmentStatus.Signed && ClaimRules.Instruments.Contains(a.InstrumentCode) && a.AssessedOn <= until)
            .Select(a => new SignedAssessment(a.Id, a.ElderId, a.InstrumentCode, a.AssessedOn, a.NextDue, a.LevelCode, a.LevelName))
            .ToListAsync(ct);
}
