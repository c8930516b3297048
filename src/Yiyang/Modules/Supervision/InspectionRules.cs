namespace Yiyang.Modules.Supervision;

/// <summary>The rules of on-site inspections and 整改 findings (docs/domain/supervision.md#on-site-inspection), without I/O.</summary>
public static class InspectionRules
{
    public const string Draft = "draft";
    public const string Finished = "finished";
    public const string Compliant = "compliant";
    public const string NonCompliant = "non-compliant";

    public static readonly IReadOnlyList<string> Results = ["pass", "fail", "na"];
    public static readonly IReadOnlyList<string> Severities = ["minor", "moderate", "serious"];

    public static string StatusName(string status) => status == Finished ? "已完成" : "检查中";

    public static string ResultName(string? result) => result switch
    {
        "pass" => "符合",
        "fail" => "不符合",
        "na" => "不适用",
        _ => "未填写",
    };

    public static string OutcomeName(string? outcome) => outcome switch
    {
        Compliant => "未发现问题",
        NonCompliant => "发现问题",
        _ => "—",
    };

    public static string SeverityName(string severity) => severity switch
    {
        "minor" => "一般",
        "moderate" => "较重",
        "serious" => "严重",
        _ => severity,
    };

    public static string FindingStatusName(string status) => status switch
    {
        "open" => "待整改",
        "answered" => "已反馈待复查",
        "closed" => "已销号",
        "escalated" => "已移交处理",
        _ => status,
    };

    /// <summary>The outcome of answered items: non-compliant as soon as one item failed.</summary>
    public static string Outcome(IEnumerable<string?> results) => results.Any(r => r == "fail") ? NonCompliant : Compliant;

    /// <summary>
    /// Why an inspection cannot be finished (empty when it can): every item answered, the representative's signature, and at
    /// least <paramref name="minInspectors"/> of the drawn inspectors present.
    /// </summary>
    public static IReadOnlyList<string> FinishProblems(IReadOnlyCollection<string?> results, bool signed, int presentInspectors, int minInspectors)
    {
        var problems = new List<string>();
        var open = results.Count(r => r is null);
        if (open > 0) problems.Add($"还有 {open} 项检查结果未填写。");
        if (!signed) problems.Add("被检查机构代表尚未签名。");
        if (presentInspectors < minInspectors) problems.Add($"现场检查须有至少 {minInspectors} 名抽中的监督员参加。");
        return problems;
    }

    /// <summary>Whether the organization may still answer (open or answered, before the re-check).</summary>
    public static bool MayRespond(string status) => status is "open" or "answered";

    /// <summary>
    /// Whether a re-check may end the finding with <paramref name="outcome"/>: closing needs the organization's answer;
    /// escalating needs the answer, or an open finding past its due date.
    /// </summary>
    public static bool MayRecheck(string status, string outcome, DateOnly dueOn, DateOnly today) => (status, outcome) switch
    {
        ("answered", "closed" or "escalated") => true,
        ("open", "escalated") => today > dueOn,
        _ => false,
    };

    /// <summary>Overdue: still waiting for the organization's answer after the due date.</summary>
    public static bool IsOverdue(string status, DateOnly dueOn, DateOnly today) => status == "open" && today > dueOn;
}
