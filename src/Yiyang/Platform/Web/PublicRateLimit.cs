using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Yiyang.Platform.Web;

/// <summary>Settings of the <c>public</c> rate-limiting policy (section <c>RateLimiting:Public</c>).</summary>
public sealed class PublicRateLimitOptions
{
    public const string Section = "RateLimiting:Public";

    /// <summary>Requests one client IP address may make per window to the anonymous public endpoints.</summary>
    public int PermitLimit { get; set; } = 60;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Rate limit of the anonymous public endpoints (the free-beds page and its API): a fixed window per client IP address
/// (<see cref="ConnectionInfo.RemoteIpAddress"/>), ASP.NET Core's built-in limiter. Only endpoints that opt in with
/// <c>RequireRateLimiting(PublicRateLimit.Policy)</c> / <c>[EnableRateLimiting(PublicRateLimit.Policy)]</c> are limited:
/// there is no global limiter, so the authenticated API is never throttled. A rejected request gets 429 with
/// <c>Retry-After</c> and a Chinese ProblemDetails (API) or a short Chinese page.
/// </summary>
public static class PublicRateLimit
{
    public const string Policy = "public";

    public static IServiceCollection AddPublicRateLimit(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<PublicRateLimitOptions>(config.GetSection(PublicRateLimitOptions.Section));
        services.AddRateLimiter(r =>
        {
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            r.AddPolicy(Policy, http =>
            {
                // settings read per partition (lazily): the test host's settings apply as well
                var o = http.RequestServices.GetRequiredService<IOptions<PublicRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, o.PermitLimit),
                    Window = TimeSpan.FromSeconds(Math.Max(1, o.WindowSeconds)),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            r.OnRejected = (ctx, ct) => RejectAsync(ctx.HttpContext, ctx.Lease, ct);
        });
        return services;
    }

    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease, CancellationToken ct)
    {
        var window = http.RequestServices.GetRequiredService<IOptions<PublicRateLimitOptions>>().Value.WindowSeconds;
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : window;
        seconds = Math.Max(1, seconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await ProblemWriter.WriteAsync(http, StatusCodes.Status429TooManyRequests, "请求过于频繁", $"查询次数过多，请 {seconds} 秒后再试。", "too-many-requests");
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\" /><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />"
            + "<title>请求过于频繁 - 医养结合服务信息平台</title></head><body><main><h1>请求过于频繁</h1>"
            + $"<p id=\"rate-limited\">查询次数过多，请 {seconds} 秒后再刷新页面。</p><p><a href=\"/FreeBeds\">返回空余床位查询</a></p></main></body></html>", ct);
    }
}
