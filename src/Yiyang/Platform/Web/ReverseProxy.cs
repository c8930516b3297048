using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Yiyang.Platform.Web;

/// <summary>
/// Settings for running behind a reverse proxy (nginx, deploy/nginx): <c>Proxy:KnownProxies</c> (addresses) and
/// <c>Proxy:KnownNetworks</c> (CIDR) whose X-Forwarded-For / X-Forwarded-Proto are believed — from no one else (none
/// configured: the headers are ignored and the connection's own address and scheme count); <c>Proxy:HstsMaxAgeDays</c>.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";
    public string[] KnownProxies { get; set; } = [];
    public string[] KnownNetworks { get; set; } = [];
    public int HstsMaxAgeDays { get; set; } = 365;
}

public static class ReverseProxy
{
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var proxy = config.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear(); // the framework's default trusts loopback: only what is configured counts
            o.KnownIPNetworks.Clear();
            foreach (var a in proxy.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(a.Trim()));
            foreach (var n in proxy.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n.Trim()));
            o.ForwardLimit = 1; // the address the nearest known proxy saw
        });
        // HSTS on HTTPS answers (after X-Forwarded-Proto from a known proxy): browsers then never use plain HTTP again
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(proxy.HstsMaxAgeDays);
            o.IncludeSubDomains = false;
            o.ExcludedHosts.Clear(); // the framework skips localhost; outside Development every HTTPS answer carries it
        });
        // every cookie is Secure when the request came over HTTPS (directly or through a known proxy)
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline: the client's address and scheme from a known proxy; HSTS outside Development.</summary>
    public static WebApplication UseReverseProxySupport(this WebApplication app)
    {
        var proxy = app.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        if (proxy.KnownProxies.Length > 0 || proxy.KnownNetworks.Length > 0) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app;
    }
}
