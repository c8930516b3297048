using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Referrals;

/// <summary>
/// Immediate reassessment after a hospital discharge (docs/domain/assessments.md#reassessment-triggers): a down-referral (回转/下转) from a hospital that
/// reached the elder — arrived or completed — is the discharge; its 诊断结果 is named in the reminder.
/// </summary>
public sealed class ReferralReassessmentTriggers(YiyangDb db) : IReassessmentTriggers
{
    public async Task<IReadOnlyList<ReassessmentTrigger>> ForEldersAsync(IQueryable<Elder> elders, DateOnly since, DateOnly before, CancellationToken ct)
    {
        var from = since.ChinaStartOfDay().ToUniversalTime();
        var to = before.AddDays(1).ChinaStartOfDay().ToUniversalTime();
        var ids = elders.Select(e => e.Id);
        var rows = await db.Set<Referral>().AsNoTracking()
            .Where(r => r.Direction == ReferralDirection.Down && ids.Contains(r.ElderId))
            .Select(r => new { r.ElderId, At = r.ArrivedAt ?? r.CompletedAt, r.Diagnosis })
            .Where(r => r.At != null && r.At >= from && r.At < to)
            .ToListAsync(ct);
        return rows.Select(r => new ReassessmentTrigger(r.ElderId, r.At!.Value.ChinaDate(), "hospital-discharge",
            "医院下转（出院）" + (string.IsNullOrWhiteSpace(r.Diagnosis) ? "" : "，诊断：" + Cut(r.Diagnosis)))).ToList();
    }

    private static string Cut(string s) => s.Length > 40 ? s[..39] + "…" : s;
}
