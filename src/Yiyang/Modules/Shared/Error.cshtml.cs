using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiyang.Modules.Shared;

[AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string TraceId { get; private set; } = "";

    /// <summary>The database could not be reached (503): nothing was saved, trying again later will do.</summary>
    public bool Unavailable { get; private set; }

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        TraceId = HttpContext.TraceIdentifier;
        Unavailable = HttpContext.Response.StatusCode == 503;
        if (Unavailable)
            HttpContext.Response.Headers.RetryAfter = Platform.Errors.ProblemDetailsHandler.UnavailableRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
