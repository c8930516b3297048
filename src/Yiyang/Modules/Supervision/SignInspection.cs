using System.Globalization;

namespace Yiyang.Modules.Supervision;

public sealed record SignatureInput(string? RepresentativeName, string? SignaturePng);

/// <summary>
/// 被检查机构代表签名 (captured on the drawn inspector's screen, on a draft): the representative's name and the signature
/// drawn on the canvas as a PNG (base64, or a <c>data:image/png;base64,</c> URL; ≤ 200 KB). Signing again replaces it.
/// </summary>
public sealed class SignInspection(InspectionAccess access, InspectionQueries queries, AuditTrail audit, YiyangDb db)
{
    public const int MaxSignatureBytes = 200 * 1024;
    private const string DataUrlPrefix = "data:image/png;base64,";

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/{id:long}/signature", async Task<Ok<InspectionDto>> (long id, SignatureInput input, IfMatch ifMatch, SignInspection handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(SupervisionPolicies.Inspect)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("被检查机构代表在屏幕上签名：representativeName、signaturePng（PNG 的 Base64 或 data URL，≤ 200 KB）");

    public async Task<InspectionDto> HandleAsync(long id, SignatureInput input, int? ifMatch, CancellationToken ct)
    {
        var i = await access.LoadDraftAsync(id, ifMatch, ct);
        var (name, png) = Validate(input);
        i.RepresentativeName = name;
        i.SignaturePng = png;
        i.SignedAt = access.Now;
        i.UpdatedAt = i.SignedAt.Value;
        i.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("supervision.inspection.sign", "inspection", id.ToString(CultureInfo.InvariantCulture), detail: $"signature {png.Length} bytes");
        return await queries.ToDtoAsync(i, withZoning: true, ct);
    }

    private static (string Name, byte[] Png) Validate(SignatureInput input)
    {
        var errors = new FieldErrors();
        var name = input.RepresentativeName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 50 || name.Any(char.IsControl)) errors.Add("representativeName", "请填写签名的机构代表姓名（最多 50 个字）。");
        var text = input.SignaturePng?.Trim() ?? "";
        if (text.StartsWith(DataUrlPrefix, StringComparison.Ordinal)) text = text[DataUrlPrefix.Length..];
        byte[] png = [];
        try
        {
            png = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            errors.Add("signaturePng", "签名图片不是有效的 Base64 编码。");
        }
        if (!errors.Has("signaturePng"))
        {
            if (png.Length < 67) errors.Add("signaturePng", "请机构代表在签名框内签名。");
            else if (png.Length > MaxSignatureBytes) errors.Add("signaturePng", "签名图片不能超过 200 KB。");
            else if (!FileSignatures.Matches("image/png", png)) errors.Add("signaturePng", "签名须为 PNG 图片。");
        }
        errors.ThrowIfAny();
        return (name!, png);
    }
}
