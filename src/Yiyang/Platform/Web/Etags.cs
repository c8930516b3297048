using System.Globalization;

namespace Yiyang.Platform.Web;

/// <summary>Weak ETags carrying the row version: W/"3".</summary>
public static class Etags
{
    /// <summary>If-Match: * — "whatever the current version is" (RFC 9110 §13.1.1).</summary>
    public const int Any = int.MinValue;

    public static string For(int version) => $"W/\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Parses If-Match (W/"3", "3" or 3). Null when absent; a malformed value is a 400.</summary>
    public static int? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var v = header.Trim();
        if (v == "*") return Any;
        if (v.StartsWith("W/", StringComparison.Ordinal)) v = v[2..];
        v = v.Trim('"');
        if (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        throw new Errors.ValidationFailedException(new Dictionary<string, string[]> { ["If-Match"] = ["If-Match 头格式不正确，应为 W/\"版本号\"。"] });
    }

    /// <summary>
    /// Optimistic concurrency for an update: the If-Match header wins over a version in the body; a mismatch is 412
    /// (If-Match) or 409 (body); neither given is a 400. <c>If-Match: *</c> accepts the current version.
    /// </summary>
    public static void CheckVersion(int current, int? ifMatchVersion, int? bodyVersion)
    {
        if (ifMatchVersion == Any) ifMatchVersion = current;
        var expected = ifMatchVersion ?? bodyVersion;
        if (expected is null)
            throw new Errors.ValidationFailedException(new Dictionary<string, string[]> { ["version"] = ["请提供记录版本（version 或 If-Match），以免覆盖他人的修改。"] });
        if (expected != current)
            throw ifMatchVersion is not null
                ? new Errors.PreconditionFailedException()
                : new Errors.ConflictException("concurrency", "记录已被他人修改，请刷新后再试。");
    }
}
