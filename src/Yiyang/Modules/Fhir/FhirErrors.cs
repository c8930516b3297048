using R4 = Hl7.Fhir.Model;

namespace Yiyang.Modules.Fhir;

/// <summary>
/// Every error under <c>/fhir</c> is an OperationOutcome with a Chinese <c>diagnostics</c> (never ProblemDetails): the
/// platform's error writers ask this format first (<see cref="IProblemFormat"/>), and <see cref="Filter"/> turns the use
/// cases' exceptions into one before they leave the endpoint.
/// </summary>
public sealed class FhirProblemFormat : IProblemFormat
{
    public PathString Prefix { get; } = "/fhir";

    public Task WriteAsync(HttpContext http, int status, string detail, string code) =>
        FhirJson.WriteAsync(http, status, FhirErrors.Outcome(status, detail));
}

public static class FhirErrors
{
    /// <summary>The issue type of an HTTP status (R4 issue-type codes).</summary>
    public static R4.OperationOutcome.IssueType IssueFor(int status) => status switch
    {
        400 => R4.OperationOutcome.IssueType.Invalid,
        401 => R4.OperationOutcome.IssueType.Login,
        403 => R4.OperationOutcome.IssueType.Forbidden,
        404 => R4.OperationOutcome.IssueType.NotFound,
        405 or 406 or 415 => R4.OperationOutcome.IssueType.NotSupported,
        409 or 412 => R4.OperationOutcome.IssueType.Conflict,
        429 => R4.OperationOutcome.IssueType.Throttled,
        503 => R4.OperationOutcome.IssueType.Transient,
        _ => R4.OperationOutcome.IssueType.Exception,
    };

    public static R4.OperationOutcome Outcome(int status, string diagnostics) => new()
    {
        Issue =
        [
            new R4.OperationOutcome.IssueComponent
            {
                Severity = status >= 500 ? R4.OperationOutcome.IssueSeverity.Fatal : R4.OperationOutcome.IssueSeverity.Error,
                Code = IssueFor(status),
                Diagnostics = diagnostics,
            },
        ],
    };

    /// <summary>A 400 for a search parameter or a read's input: diagnostics name the parameter (never its value: it may be an identifier).</summary>
    public static ValidationFailedException Invalid(string parameter, string message) => ValidationFailedException.For(parameter, message);

    /// <summary>
    /// On the <c>/fhir</c> group: the caller must be signed in (401 OperationOutcome; the routes allow anonymous requests
    /// so that no cookie redirect answers a FHIR client), and an exception becomes an OperationOutcome with the status the
    /// platform gives it (<see cref="ProblemDetailsHandler.Map"/>).
    /// </summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true && !IsPublic(http))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return new FhirResult(Outcome(401, "需要登录或有效的访问令牌。"), 401);
        }
        try
        {
            return await next(ctx);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            var (status, problem) = ProblemDetailsHandler.Map(e);
            if (status >= 500)
                http.RequestServices.GetRequiredService<ILogger<FhirProblemFormat>>().LogError(e, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path.Value);
            if (e is TooManyRequestsException limited)
                http.Response.Headers.RetryAfter = limited.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new FhirResult(Outcome(status, Diagnostics(e, problem)), status);
        }
    }

    /// <summary>The capability statement is public (a client reads it before it authenticates).</summary>
    private static bool IsPublic(HttpContext http) => http.Request.Path.StartsWithSegments("/fhir/metadata");

    /// <summary>The message, with each field's errors (field names only, never the values sent).</summary>
    private static string Diagnostics(Exception e, Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        var text = problem.Detail ?? problem.Title ?? "请求未能完成。";
        if (e is ValidationFailedException v && v.Errors.Count > 0)
            text = string.Join("；", v.Errors.Select(kv => $"{kv.Key}：{string.Join("，", kv.Value)}"));
        return text;
    }
}
