namespace Yiyang.Platform.Security;

/// <summary>Display masks for personal data (shown everywhere unless a reveal is granted and audited).</summary>
public static class Masking
{
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

    /// <summary>张** style: surname kept.</summary>
    public static string Name(string name)
    {
        var n = name.Trim();
        return n.Length <= 1 ? n : n[..1] + new string('*', Math.Min(2, n.Length - 1));
    }
}
