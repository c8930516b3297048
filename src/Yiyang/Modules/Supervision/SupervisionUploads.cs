namespace Yiyang.Modules.Supervision;

public sealed record FileInput(string? FileName, string? ContentType, string? ContentBase64, int? ItemPosition = null);

/// <summary>
/// The checks of an uploaded photo or evidence file: a file name without a path, a declared type the kind accepts, and
/// content that really is that type (<see cref="FileSignatures"/>), at most <see cref="SupervisionFile.MaxBytes"/>.
/// </summary>
public static class SupervisionUploads
{
    public static readonly IReadOnlyList<string> PhotoTypes = ["image/jpeg", "image/png"];
    public static readonly IReadOnlyList<string> EvidenceTypes = ["image/jpeg", "image/png", "application/pdf"];

    public static string TooLarge => $"文件不能超过 {SupervisionFile.MaxBytes / 1000 / 1000} MB。";

    public static (string Name, string Type, byte[] Content) Validate(FileInput input, IReadOnlyList<string> types, string kindName)
    {
        var errors = new FieldErrors();
        var name = input.FileName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 120 || name.IndexOfAny(['/', '\\']) >= 0 || name.Any(char.IsControl))
            errors.Add("fileName", "请填写文件名（最多 120 个字，不含路径）。");
        var type = input.ContentType?.Trim().ToLowerInvariant();
        if (type is null || !types.Contains(type)) errors.Add("contentType", $"{kindName}只能是 {string.Join("、", types.Select(Short))} 文件。");
        byte[] content = [];
        try
        {
            content = Convert.FromBase64String(input.ContentBase64 ?? "");
        }
        catch (FormatException)
        {
            errors.Add("contentBase64", "文件内容不是有效的 Base64 编码。");
        }
        if (!errors.Has("contentBase64") && content.Length == 0) errors.Add("contentBase64", "文件内容为空。");
        if (content.Length > SupervisionFile.MaxBytes) errors.Add("contentBase64", TooLarge);
        // recognised by the content, not by the declared type: a renamed script is refused
        else if (content.Length > 0 && type is not null && types.Contains(type) && !FileSignatures.Matches(type, content))
            errors.Add("contentBase64", $"文件内容不是 {Short(type)} 文件，请上传真实的 {string.Join("、", types.Select(Short))} 文件。");
        errors.ThrowIfAny();
        return (name!, type!, content);
    }

    /// <summary>A page's posted file as the API's input; the messages go to the field "file".</summary>
    public static async Task<T> FromFormAsync<T>(string? fileName, string? contentType, Stream content, long length, int? itemPosition,
        Func<FileInput, Task<T>> handle, CancellationToken ct)
    {
        if (length > SupervisionFile.MaxBytes) throw ValidationFailedException.For("file", TooLarge);
        using var ms = new MemoryStream();
        await content.CopyToAsync(ms, ct);
        try
        {
            return await handle(new FileInput(Path.GetFileName(fileName ?? ""), contentType, Convert.ToBase64String(ms.ToArray()), itemPosition));
        }
        catch (ValidationFailedException v)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["file"] = [.. v.Errors.SelectMany(e => e.Value)] });
        }
    }

    private static string Short(string type) => type switch
    {
        "image/jpeg" => "JPEG",
        "image/png" => "PNG",
        _ => "PDF",
    };
}
