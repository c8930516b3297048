namespace Yiyang.Modules.Referrals;

/// <summary>The free-text fields of the referral forms: trimmed, empty as null, with a length limit.</summary>
public static class ReferralFields
{
    public const int TextMax = 2000;

    public const string DestinationMessage = "下转去向只能是社区/基层医疗卫生机构（community）、养老机构（care-home）或家庭病床（family-sickbed）。";

    public const string UrgencyMessage = "紧急程度只能是普通（routine）、紧急（urgent）或危重（critical）。";

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The cleaned value; "请填写…" when required and empty, "…最多 n 个字" when too long (both on <paramref name="errors"/>).</summary>
    public static string? Text(FieldErrors errors, string field, string label, string? value, bool required, int max = TextMax)
    {
        var v = Clean(value);
        if (v is null)
        {
            if (required) errors.Add(field, $"请填写{label}。");
            return null;
        }
        if (v.Length > max) errors.Add(field, $"{label}最多 {max} 个字。");
        return v;
    }

    public static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
