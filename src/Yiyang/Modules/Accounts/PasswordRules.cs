namespace Yiyang.Modules.Accounts;

/// <summary>
/// What a new password must be: at least 12 characters with letters and digits, not a common password (also with digits
/// or symbols added to a common word), not a keyboard or alphabet run, not the account name; and, on a change, none of
/// the user's last 5 passwords (the current one and the 4 before it, <see cref="PasswordHistoryEntry"/>).
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
    public const int Remembered = 5;
    public const string Hint = "至少 12 位，须同时包含字母和数字；不能是常见密码、键盘连续字符或包含用户名。";

    /// <summary>The message for the password field, or null when the password is acceptable.</summary>
    public static string? Problem(string? password, string? userName)
    {
        var pw = password ?? "";
        if (pw.Length < MinLength || pw.Length > MaxLength) return $"密码须为 {MinLength}–{MaxLength} 位。";
        if (!pw.Any(char.IsDigit) || !pw.Any(char.IsLetter)) return "密码须同时包含字母和数字。";
        var lower = pw.ToLowerInvariant();
        if (IsCommon(lower)) return "这是常见密码，容易被猜中，请换一个。";
        if (IsRun(lower)) return "密码不能是键盘或字母、数字的连续字符。";
        var name = (userName ?? "").Trim().ToLowerInvariant();
        if (name.Length >= 3 && lower.Contains(name, StringComparison.Ordinal)) return "密码不能包含用户名。";
        return null;
    }

    /// <summary>
    /// A listed password, or a listed word with only digits and symbols around it ("Password2026!", "p@ssw0rd2026"), also
    /// written with digits for letters.
    /// </summary>
    private static bool IsCommon(string lower)
    {
        var core = lower.Trim(Decoration);
        var letters = new string(lower.Where(char.IsLetter).ToArray());
        var lettersTogether = letters.Length > 0 && lower.Contains(letters, StringComparison.Ordinal);
        string[] candidates = [lower, core, Leet(core), lettersTogether ? letters : ""];
        return candidates.Any(c => c.Length >= 4 && CommonPasswords.Set.Contains(c));
    }

    private static readonly char[] Decoration = "0123456789!@#$%^&*()_+-=[]{};:'\",.<>/?`~|\\ ".ToCharArray();

    private static string Leet(string s) => new(s.Select(c => c switch
    {
        '@' or '4' => 'a',
        '0' => 'o',
        '1' or '!' => 'i',
        '3' => 'e',
        '$' or '5' => 's',
        '7' => 't',
        _ => c,
    }).ToArray());

    /// <summary>Most steps go to the same or a neighbouring key, or to the next letter or digit ("1qaz2wsx3edc", "abcd1234abcd").</summary>
    private static bool IsRun(string lower)
    {
        int keyboard = 0, sequence = 0;
        for (var i = 1; i < lower.Length; i++)
        {
            if (Neighbours(lower[i - 1], lower[i])) keyboard++;
            if (Math.Abs(lower[i] - lower[i - 1]) <= 1) sequence++;
        }
        var steps = lower.Length - 1;
        return keyboard * 4 >= steps * 3 || sequence * 4 >= steps * 3;
    }

    private static readonly string[] Rows = ["1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./"];
    private const string Shifted = "!@#$%^&*()_+";

    private static (int Row, int Col)? Key(char c)
    {
        var s = Shifted.IndexOf(c);
        if (s >= 0) return (0, s);
        for (var r = 0; r < Rows.Length; r++)
        {
            var col = Rows[r].IndexOf(c);
            if (col >= 0) return (r, col);
        }
        return null;
    }

    /// <summary>The same key or a touching one (rows are offset by about half a key, so the key below-left touches too).</summary>
    private static bool Neighbours(char a, char b)
    {
        if (Key(a) is not { } x || Key(b) is not { } y) return false;
        var dr = y.Row - x.Row;
        var dc = y.Col - x.Col;
        return dr switch
        {
            0 => Math.Abs(dc) <= 1,
            1 => dc is 0 or -1,
            -1 => dc is 0 or 1,
            _ => false,
        };
    }
}
