namespace Yiyang.Platform.Web;

/// <summary>
/// A module's own error format for the paths it owns (the FHIR interface answers OperationOutcome, not ProblemDetails).
/// The platform's error writers ask <see cref="ProblemFormats.TryWriteAsync"/> first; a path no format claims gets
/// ProblemDetails as before.
/// </summary>
public interface IProblemFormat
{
    /// <summary>The path prefix whose errors this format writes (e.g. <c>/fhir</c>).</summary>
    PathString Prefix { get; }

    /// <summary>Writes the error; the status is already set. <paramref name="detail"/> is Chinese and free of personal data.</summary>
    Task WriteAsync(HttpContext http, int status, string detail, string code);
}

public static class ProblemFormats
{
    /// <summary>The format that claims the path, or null.</summary>
    public static IProblemFormat? For(HttpContext http, PathString path) =>
        http.RequestServices?.GetServices<IProblemFormat>().FirstOrDefault(f => path.StartsWithSegments(f.Prefix)); // none outside a request scope

    /// <summary>Writes the error in the format that claims the request's path; false when none does.</summary>
    public static async Task<bool> TryWriteAsync(HttpContext http, int status, string detail, string code, PathString? path = null)
    {
        if (For(http, path ?? http.Request.Path) is not { } format) return false;
        http.Response.StatusCode = status;
        await format.WriteAsync(http, status, detail, code);
        return true;
    }
}
