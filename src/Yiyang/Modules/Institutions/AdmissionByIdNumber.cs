using System.Text;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// Admission of an elder registered to another organization (the admission desk: the elder shows an ID card). The elder
/// is found by the keyed hash of the 居民身份证号 without <see cref="Elders.ElderScope"/>, and the name on the card must
/// match the stored name; an unknown ID number and a wrong name get the same answer, so the form is no oracle for whether
/// an ID number is registered.
/// </summary>
public static class AdmissionByIdNumber
{
    /// <summary>The one answer for "no such ID number" and "the name does not match" (field <c>idNumber</c>).</summary>
    public const string NoMatchMessage = "未找到身份证号与姓名相符的老年人档案。请核对，或先为其建档。";

    public const string NameRequiredMessage = "请填写与身份证一致的姓名。";

    /// <summary>
    /// True when the admission names the elder by ID number + name: no elder id is given and an ID number or a name is.
    /// An elder id always wins (the existing behaviour is kept unchanged).
    /// </summary>
    public static bool Applies(long? elderId, string? idNumber, string? name) =>
        elderId is null && (!string.IsNullOrWhiteSpace(idNumber) || !string.IsNullOrWhiteSpace(name));

    /// <summary>
    /// Whether the name given at the desk is the stored name: compared after trimming, without white space, with the
    /// variants of the 间隔号 (· • ． . ・) taken as one and Latin letters case-insensitive (names of ethnic minorities are
    /// written with any of these separators). Anything else must be equal, character for character.
    /// </summary>
    public static bool NameMatches(string? stored, string? given)
    {
        var a = Normalize(stored);
        var b = Normalize(given);
        return a.Length > 0 && string.Equals(a, b, StringComparison.Ordinal);
    }

    private static string Normalize(string? name)
    {
        var sb = new StringBuilder();
        foreach (var c in (name ?? "").Trim())
        {
            if (char.IsWhiteSpace(c)) continue;
            sb.Append(c switch
            {
                '•' or '．' or '.' or '・' or '‧' => '·',
                _ when char.IsAsciiLetterLower(c) => char.ToUpperInvariant(c),
                _ => c,
            });
        }
        return sb.ToString();
    }
}
