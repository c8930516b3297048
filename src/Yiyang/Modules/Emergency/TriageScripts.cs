namespace Yiyang.Modules.Emergency;

/// <summary>One question of a call-taking script; <see cref="RedFlag"/> is the answer that makes the call most urgent, <see cref="Finding"/> how that answer reads in the incident.</summary>
public sealed record TriageQuestion(string Code, string Text, string RedFlag, string Finding);

/// <summary>
/// The call-taking scripts (docs/domain/emergency.md#calls): a few yes/no questions per reason, and the priority they
/// give. Chest pain, breathing difficulty and smoke are always priority 1; a fall or confusion is priority 1 when any
/// red-flag answer is given (an unknown answer counts as one: the safe side), else 2; other reasons are 2.
/// </summary>
public static class TriageScripts
{
    public const string Yes = "yes";
    public const string No = "no";
    public const string Unknown = "unknown";

    public static readonly IReadOnlyList<CallReason> Reasons =
        [CallReason.Fall, CallReason.ChestPain, CallReason.Breathing, CallReason.Confusion, CallReason.Smoke, CallReason.Other];

    public static IReadOnlyList<TriageQuestion> Script(CallReason r) => r switch
    {
        CallReason.Fall =>
        [
            new("head-or-unconscious", "是否头部着地，或曾有意识不清？", Yes, "头部着地或曾意识不清"),
            new("cannot-get-up", "老人是否无法自行站起？", Yes, "无法自行站起"),
            new("pain-or-deformity", "是否有剧烈疼痛、肢体畸形或出血？", Yes, "剧烈疼痛、畸形或出血"),
            new("anticoagulant", "是否在服用抗凝药（如华法林）？", Yes, "服用抗凝药"),
        ],
        CallReason.ChestPain =>
        [
            new("over-15-minutes", "胸痛是否已超过 15 分钟？", Yes, "胸痛超过15分钟"),
            new("sweat-or-breathless", "是否伴有大汗、气短或恶心？", Yes, "伴大汗、气短或恶心"),
            new("heart-history", "是否有冠心病或心梗病史？", Yes, "有冠心病或心梗病史"),
        ],
        CallReason.Breathing =>
        [
            new("cannot-speak", "老人是否说不完整一句话？", Yes, "说不完整一句话"),
            new("blue-lips", "口唇是否发紫？", Yes, "口唇发紫"),
            new("asthma-copd", "是否有哮喘或慢阻肺病史？", Yes, "有哮喘或慢阻肺病史"),
        ],
        CallReason.Confusion =>
        [
            new("sudden", "意识混乱是否突然出现？", Yes, "突然出现"),
            new("face-arm-speech", "是否口角歪斜、一侧肢体无力或说话不清？", Yes, "口角歪斜、一侧无力或说话不清"),
            new("diabetes", "是否有糖尿病（可能低血糖）？", Yes, "有糖尿病"),
        ],
        CallReason.Smoke =>
        [
            new("fire", "现场是否有明火或浓烟？", Yes, "有明火或浓烟"),
            new("cannot-leave", "老人是否无法自行离开房间？", Yes, "无法自行离开"),
            new("gas-smell", "是否闻到燃气味？", Yes, "闻到燃气味"),
        ],
        _ => [],
    };

    /// <summary>Priority 1–3 from the reason and the answers (every question of the script answered).</summary>
    public static int Priority(CallReason r, IReadOnlyDictionary<string, string> answers)
    {
        if (r is CallReason.ChestPain or CallReason.Breathing or CallReason.Smoke) return 1;
        var red = Script(r).Any(q => answers.GetValueOrDefault(q.Code) is { } a && (a == q.RedFlag || a == Unknown));
        return r is CallReason.Fall or CallReason.Confusion && red ? 1 : 2;
    }

    /// <summary>The incident kind a call opens: a fall and smoke (gas when smelled) keep their kinds, the rest are 紧急呼叫.</summary>
    public static IncidentKind IncidentKindOf(CallReason r, IReadOnlyDictionary<string, string> answers) => r switch
    {
        CallReason.Fall => IncidentKind.Fall,
        CallReason.Smoke => answers.GetValueOrDefault("gas-smell") == Yes && answers.GetValueOrDefault("fire") != Yes ? IncidentKind.Gas : IncidentKind.Smoke,
        _ => IncidentKind.Sos,
    };

    /// <summary>Field errors for missing or invalid answers (every question needs yes, no or unknown; no other codes).</summary>
    public static void Validate(CallReason r, IReadOnlyDictionary<string, string?>? answers, FieldErrors errors)
    {
        var script = Script(r);
        foreach (var q in script)
        {
            var a = answers?.GetValueOrDefault(q.Code);
            if (a is not (Yes or No or Unknown)) errors.Add($"answers.{q.Code}", $"请回答：{q.Text}（是、否或不清楚）");
        }
        foreach (var code in (answers?.Keys ?? Enumerable.Empty<string>()).Where(k => script.All(q => q.Code != k)).Take(1))
            errors.Add("answers", "分诊问题与来电原因不符。");
    }

    public static string AnswerName(string? a) => a switch
    {
        Yes => "是",
        No => "否",
        Unknown => "不清楚",
        _ => "",
    };

    public static string ReasonCode(CallReason r) => r switch
    {
        CallReason.Fall => "fall",
        CallReason.ChestPain => "chest-pain",
        CallReason.Breathing => "breathing",
        CallReason.Confusion => "confusion",
        CallReason.Smoke => "smoke",
        _ => "other",
    };

    public static string ReasonName(CallReason r) => r switch
    {
        CallReason.Fall => "跌倒",
        CallReason.ChestPain => "胸痛",
        CallReason.Breathing => "呼吸困难",
        CallReason.Confusion => "意识混乱",
        CallReason.Smoke => "烟雾/燃气",
        _ => "其他",
    };

    public static CallReason? ParseReason(string? code) => Reasons.Cast<CallReason?>().FirstOrDefault(r => ReasonCode(r!.Value) == code?.Trim());
}
