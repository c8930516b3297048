using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Yiyang.Platform.Audit;

/// <summary>
/// Every denial a signed-in user meets is audited in one place: a 403 (a policy the role lacks — API or page —, or a
/// <see cref="ForbiddenException"/>) as <c>access.denied</c>, a 404 of a matched route (a record out of scope looks
/// missing) as <c>access.not-found</c>. The entry holds the user, the method and the route template (never the query
/// string, which may carry an identifier), and the route's numeric <c>id</c>; it is queued (reads stay cheap). A use case
/// that audits its own refusal (<see cref="AuditTrail.RecordRefusalAsync"/>) is not audited twice.
/// </summary>
public static class DenialAudit
{
    private const string Recorded = "yiyang.audit.denial";

    /// <summary>Between authentication and authorization: sees the policy's 403, the use case's exceptions and the 404s.</summary>
    public static IApplicationBuilder UseDenialAudit(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        try
        {
            await next(ctx);
        }
        catch (AppException e) when (e.Status is 403 or 404)
        {
            Record(ctx, e.Status);
            throw;
        }
        if (ctx.Response.StatusCode is 403 or 404) Record(ctx, ctx.Response.StatusCode);
    });

    /// <summary>Marks the request's refusal as audited by the use case itself.</summary>
    public static void MarkRecorded(HttpContext? ctx)
    {
        if (ctx is not null) ctx.Items[Recorded] = true;
    }

    internal static void Record(HttpContext ctx, int status)
    {
        if (ctx.Items.ContainsKey(Recorded) || ctx.User.Identity?.IsAuthenticated != true) return;
        if (ctx.GetEndpoint() is not RouteEndpoint endpoint) return; // no route matched: nothing was refused
        ctx.Items[Recorded] = true;
        var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
        var id = ctx.GetRouteValue("id") is { } v && long.TryParse(v.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n.ToString(CultureInfo.InvariantCulture) : null;
        var audit = ctx.RequestServices.GetRequiredService<AuditTrail>();
        _ = audit.RecordAsync(status == 403 ? "access.denied" : "access.not-found", "route", id, null,
            $"{ctx.Request.Method} {route}; status={status}", wait: false);
    }
}

/// <summary>The framework's authorization result handler, auditing a forbidden request before it answers (API 403, page redirect).</summary>
public sealed class DenialAuditingResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _inner = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden) DenialAudit.Record(context, 403);
        return _inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
