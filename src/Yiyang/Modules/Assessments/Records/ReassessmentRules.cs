using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>The reasons of GB/T 42195 A.1 (docs/domain/assessments.md#assessment-reasons), by API code.</summary>
public static class AssessmentReasons
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("initial", "首次评估"), ("routine", "常规评估"), ("immediate", "即时评估"), ("review", "复评"), ("other", "其他"),
    ];

    /// <summary>Code or Chinese name (首次/常规/即时/复评 with or without 评估) → code; null when unknown.</summary>
    public static string? Parse(string? input)
    {
        var s = (input ?? "").Trim();
        if (s.Length == 0) return null;
        foreach (var (code, name) in All)
            if (string.Equals(s, code, StringComparison.OrdinalIgnoreCase) || s == name || s + "评估" == name || s == name.TrimEnd('评', '估'))
                return code;
        return s == "因对评估结果有疑问进行的复评" ? "review" : null;
    }

    public static string Name(string code) => All.FirstOrDefault(r => r.Code == code).Name ?? code;
}

/// <summary>What makes an elder appear on the reassessment list.</summary>
public enum DueKind
{
    Due = 1,       // 到期: next-due date within the window
    Overdue = 2,   // 逾期: next-due date passed
    Never = 3,     // 未评估: no signed assessment, flagged 失能/失智
    Triggered = 4, // 即时评估: a marked change after the latest assessment
}

/// <summary>
/// Reassessment rules (docs/domain/assessments.md#reassessment-period, docs/domain/assessments.md#due-list): GB/T 42195 and 长护险 2021 assessments are repeated every
/// <see cref="AssessmentOptions.ReassessmentMonths"/> months (default 12); elders flagged 失能 or 失智 without any
/// signed assessment are due now; a marked change (fall, discharge, new diagnosis — <see cref="IReassessmentTriggers"/>)
/// after the latest assessment makes it due at once.
/// </summary>
public static class ReassessmentRules
{
    /// <summary>Instruments that carry a reassessment date.</summary>
    public static readonly IReadOnlyList<string> Periodic = [Gbt42195Scorer.Code, Ltc2021Scorer.Code];

    public const RiskFlags NeedsAssessment = RiskFlags.Disabled | RiskFlags.Dementia;

    public static DateOnly? NextDue(string instrumentCode, DateOnly assessedOn, int months) =>
        Periodic.Contains(instrumentCode) ? assessedOn.AddMonths(months) : null;

    /// <summary>
    /// Whether an elder is on the list for the window ending <paramref name="before"/> (inclusive), and why.
    /// <paramref name="nextDue"/>/<paramref name="lastAssessedOn"/>: of the latest signed periodic assessment (null if none).
    /// </summary>
    public static DueKind? Classify(DateOnly? nextDue, DateOnly? lastAssessedOn, RiskFlags flags, DateOnly? triggerOn, DateOnly before, DateOnly today)
    {
        if (triggerOn is { } t && (lastAssessedOn is null || t > lastAssessedOn) && t <= before) return DueKind.Triggered;
        if (nextDue is { } d)
            return d < today ? DueKind.Overdue : d <= before ? DueKind.Due : null;
        return (flags & NeedsAssessment) != 0 ? DueKind.Never : null;
    }

    public static string Code(DueKind kind) => kind switch
    {
        DueKind.Due => "due",
        DueKind.Overdue => "overdue",
        DueKind.Never => "never-assessed",
        _ => "triggered",
    };

    public static string Name(DueKind kind) => kind switch
    {
        DueKind.Due => "到期",
        DueKind.Overdue => "逾期",
        DueKind.Never => "未评估（失能/失智）",
        _ => "需即时评估",
    };
}

/// <summary>A marked change that calls for an immediate assessment (GB/T 42195 即时评估).</summary>
public sealed record ReassessmentTrigger(long ElderId, DateOnly On, string Kind, string Description);

/// <summary>
/// Seam for immediate reassessment: falls, hospital discharges and new diagnoses are recorded by later modules
/// (home care, care homes, health management). Each registers an implementation; the due list asks them for the
/// changes of the elders in scope and treats a change after the latest signed assessment as "due now".
/// </summary>
public interface IReassessmentTriggers
{
    Task<IReadOnlyList<ReassessmentTrigger>> ForEldersAsync(IQueryable<Elder> elders, DateOnly since, DateOnly before, CancellationToken ct);
}
