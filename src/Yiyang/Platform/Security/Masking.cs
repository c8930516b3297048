using System.Text.RegularExpressions;

namespace Yiyang.Platform.Security;

/// <summary>Display masks for personal data (shown everywhere unless a reveal is granted and audited).</summary>
public static partial class Masking
{
    [GeneratedRegex(@"(?<![0-9])([0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")]
    private static partial Regex IdLike();

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")]
    private static partial Regex MobileLike();

    /// <summary>
    /// Masks anything in free text that looks like an ID number or a mobile number, so that a reason typed by a user
    /// can be stored in the audit trail and the timeline without carrying personal data.
    /// </summary>
    public static string Scrub(string text) =>
        MobileLike().Replace(IdLike().Replace(text, m => Identifiers.ChineseIdNumber.Mask(m.Value.ToUpperInvariant())), m => Phone(m.Value));

    /// <summary>138****5678 for an 11-digit mobile; otherwise keeps the first 3 and last 4 when long enough.</summary>
    public static string Phone(string phone)
    {
        var p = phone.Trim();
        if (p.Length >= 11) return p[..3] + new string('*', p.Length - 7) + p[^4..];
        if (p.Length > 4) return new string('*', p.Length - 4) + p[^4..];
        return new string('*', p.Length);
    }

    /// <summary>Keeps the first characters of an address (the district/street part), hides the house number.</summary>
    public static string Address(string address)
    {
        var a = address.Trim();
        if (a.Length <= 6) return new string('*', a.Length);
        var keep = Math.Min(6, a.Length / 2);
        return a[..keep] + "****";
    }

    /// <summary>
    /// A card or account number (居民健康卡号…) masked like the ID number: the first 3 and last 4 characters of a long one
    /// (an 18-character card number that is the ID number gives away no more than the ID's own mask), the last 4 of a
    /// medium one, nothing of a short one.
    /// </summary>
    public static string CardNumber(string number)
    {
        var n = number.Trim();
        if (n.Length >= 11) return n[..3] + new string('*', n.Length - 7) + n[^4..];
        if (n.Length >= 8) return new string('*', n.Length - 4) + n[^4..];
        return new string('*', n.Length);
    }

    /// <summary>
    /// An elder's birth date as the user may see it: in full only for roles that may reveal the ID number, whose digits
    /// 7–14 are that date; others get null and see the age. With the date, the ID mask (first 3, last 4) left about a
    /// hundred candidates, which one exact search confirmed (docs/domain/elders-and-identifiers.md#birth-date-and-age).
    /// </summary>
    public static DateOnly? BirthDate(DateOnly birth, CurrentUser user) =>
        user.IsAuthenticated && Policies.MayReveal(user.Role, "idNumber") ? birth : null;

    /// <summary>张** style: surname kept.</summary>
    public static string Name(string name)
    {
        var n = name.Trim();
        return n.Length <= 1 ? n : n[..1] + new string('*', Math.Min(2, n.Length - 1));
    }
}
