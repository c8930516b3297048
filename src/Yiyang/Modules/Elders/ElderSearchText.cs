using Yiyang.Platform.Identifiers;

namespace Yiyang.Modules.Elders;

public enum ElderSearchKind
{
    None,
    Name,
    IdNumber,
    Phone,
}

/// <summary>What a search text is: a full ID number or phone (normalized) matches exactly by keyed hash, anything else is a name prefix.</summary>
public sealed record ElderSearch(ElderSearchKind Kind, string Normalized)
{
    public bool IsExact => Kind is ElderSearchKind.IdNumber or ElderSearchKind.Phone;
}

public static class ElderSearchText
{
    public static ElderSearch Classify(string? text, DateOnly today)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return new ElderSearch(ElderSearchKind.None, "");
        if (ChineseIdNumber.TryParse(t, today, out _) is { } id) return new ElderSearch(ElderSearchKind.IdNumber, id.Normalized);
        if (ElderValidation.NormalizePhone(t, out var error) is { } phone && error is null) return new ElderSearch(ElderSearchKind.Phone, phone);
        return new ElderSearch(ElderSearchKind.Name, t);
    }

    /// <summary>
    /// Whether a text may be (part of) an identifier — 7 or more digits — and so must not travel in a page's URL, where
    /// proxies, browser history and access logs keep it: the pages post such searches.
    /// </summary>
    public static bool MayBeIdentifier(string? text) => text is not null && text.Count(char.IsAsciiDigit) >= 7;
}
