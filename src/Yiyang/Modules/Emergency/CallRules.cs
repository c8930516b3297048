using System.Text.Json;
using System.Text.RegularExpressions;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>Codes and names of calls, the caller number's normal form, and who sees which calls.</summary>
public static partial class CallRules
{
    public static string StatusCode(CallStatus s) => s switch
    {
        CallStatus.Ringing => "ringing",
        CallStatus.Open => "open",
        _ => "ended",
    };

    public static string StatusName(CallStatus s) => s switch
    {
        CallStatus.Ringing => "来电振铃",
        CallStatus.Open => "通话中",
        _ => "已结束",
    };

    public static readonly IReadOnlyList<CallOutcome> Outcomes =
        [CallOutcome.Incident, CallOutcome.AdviceByPhone, CallOutcome.Information, CallOutcome.WrongNumber, CallOutcome.Other];

    public static string OutcomeCode(CallOutcome o) => o switch
    {
        CallOutcome.Incident => "incident",
        CallOutcome.AdviceByPhone => "advice-by-phone",
        CallOutcome.Information => "information",
        CallOutcome.WrongNumber => "wrong-number",
        _ => "other",
    };

    public static string OutcomeName(CallOutcome o) => o switch
    {
        CallOutcome.Incident => "转为应急事件",
        CallOutcome.AdviceByPhone => "电话指导",
        CallOutcome.Information => "咨询/信息",
        CallOutcome.WrongNumber => "误拨/无效来电",
        _ => "其他",
    };

    public static CallOutcome? ParseOutcome(string? code) => Outcomes.Cast<CallOutcome?>().FirstOrDefault(o => OutcomeCode(o!.Value) == code?.Trim());

    public static string MatchCode(CallerMatch m) => m switch
    {
        CallerMatch.Elder => "elder",
        CallerMatch.Contact => "contact",
        _ => "registered",
    };

    public static string MatchName(CallerMatch m) => m switch
    {
        CallerMatch.Elder => "老人本人号码",
        CallerMatch.Contact => "档案联系人号码",
        _ => "坐席登记的号码",
    };

    [GeneratedRegex(@"^\+?[0-9]{3,20}$")]
    private static partial Regex OtherNumber();

    [GeneratedRegex(@"^[\x21-\x7E]{1,32}$")]
    private static partial Regex LineCode();

    /// <summary>
    /// The caller number as hashed: a Chinese mobile or landline in the elders' normal form (so that it meets the elders'
    /// phone hash), else 3–20 digits as given (a service number, abroad). Null when withheld; an error otherwise.
    /// </summary>
    public static string? NormalizeNumber(string? number, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(number)) return null;
        var p = ElderValidation.NormalizePhone(number, out var phoneError);
        if (p is not null && phoneError is null) return p;
        var raw = number.Trim().Replace(" ", "").Replace("-", "");
        if (OtherNumber().IsMatch(raw)) return raw;
        error = "来电号码格式不正确（3–20 位数字，可带 +）。";
        return null;
    }

    public static bool IsLine(string s) => LineCode().IsMatch(s);

    /// <summary>Whether the user sees calls of <paramref name="callRegion"/>: those of the user's region, of a region within it, or of a line serving a wider region.</summary>
    public static bool Sees(CurrentUser user, string callRegion) =>
        !string.IsNullOrEmpty(user.RegionCode) && (callRegion.StartsWith(user.RegionCode, StringComparison.Ordinal) || user.RegionCode.StartsWith(callRegion, StringComparison.Ordinal));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Dictionary<string, string> ReadAnswers(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json, Json) ?? [];

    public static string WriteAnswers(IReadOnlyDictionary<string, string> answers) => JsonSerializer.Serialize(answers, Json);
}
