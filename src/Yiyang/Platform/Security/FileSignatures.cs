namespace Yiyang.Platform.Security;

/// <summary>
/// What an uploaded file is by its first bytes (its "magic number"), not by the type the client declared: a script named
/// .pdf and sent as application/pdf is refused. Knows the types the platform accepts: PDF, JPEG and PNG.
/// </summary>
public static class FileSignatures
{
    private static readonly (string Type, byte[] Magic)[] Known =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ];

    /// <summary>The media type the content starts like, or null when it is none of the known ones.</summary>
    public static string? Detect(ReadOnlySpan<byte> content)
    {
        foreach (var (type, magic) in Known)
        {
            if (content.StartsWith(magic)) return type;
        }
        return null;
    }

    /// <summary>Whether the content is what <paramref name="declaredType"/> says (a known type, case-insensitive).</summary>
    public static bool Matches(string declaredType, ReadOnlySpan<byte> content) =>
        string.Equals(Detect(content), declaredType, StringComparison.OrdinalIgnoreCase);
}
