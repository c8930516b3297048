using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Localization;
using Yiyang.Modules.Accounts;

namespace Yiyang.Platform;

/// <summary>Cross-cutting wiring: storage, security, audit, errors, JSON, OpenAPI, health.</summary>
public static class PlatformSetup
{
    public const string SmartScheme = "cookie-or-bearer";

    /// <summary>Services shared by the web app and the admin verbs.</summary>
    public static IServiceCollection AddPlatformCore(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RegionCatalog>();
        services.AddSingleton(_ => PiiKeys.Create(config, env));
        services.AddYiyangDb(config, env);
        services.AddHttpContextAccessor();
        services.AddSingleton(_ => AuditKeys.Create(config, env));
        services.AddSingleton<AuditCheckpoints>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<Modules.Accounts.BearerTokenCache>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        services.AddScoped<AuditTrail>();
        services.AddScoped<SecurityAlerts>();
        services.AddScoped<SharedThrottle>();
        services.Configure<ListOptions>(config.GetSection(ListOptions.Section));
        services.Configure<AccountOptions>(config.GetSection("Accounts"));
        services.PostConfigure<AccountOptions>(o => o.RequireTotp ??= !env.IsDevelopment()); // the demo of dotnet run: password only
        services.Configure<DemoOptions>(config.GetSection("Demo"));
        services.Configure<PlatformOptions>(config.GetSection(PlatformOptions.Section)); // Platform:CityCode
        services.Configure<Hosting.NodeOptions>(config.GetSection(Hosting.NodeOptions.Section));
        services.AddSingleton<Hosting.LeaderElection>();
        services.AddSingleton<Hosting.ILeadership>(sp => sp.GetRequiredService<Hosting.LeaderElection>());
        return services;
    }

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        // GBK, GB2312 and GB18030 bodies are decoded (RequestInputGuard answers 415 to a character set still unknown)
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        services.AddPlatformCore(config, builder.Environment);
        services.AddScoped(sp => new CurrentUser(sp.GetRequiredService<IHttpContextAccessor>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<DatabaseInitializer>();
        // after the schema is in place and before any periodic job: which node runs them
        services.AddHostedService(sp => sp.GetRequiredService<Hosting.LeaderElection>());
        Hosting.PeriodicCheckRegistration.AddPeriodicCheck<ThrottleSweep, Hosting.NodeOptions>(services, _ => TimeSpan.FromMinutes(10));

        services.AddDataProtection().SetApplicationName("Yiyang").PersistKeysToDbContext<YiyangDb>();
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
            new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
                o.XmlEncryptor = new KeyRingEncryptor(sp.GetRequiredService<PiiProtector>())));

        var account = config.GetSection("Accounts").Get<AccountOptions>() ?? new AccountOptions();
        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o =>
            {
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? BearerTokenHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "yiyang.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(account.IdleTimeoutMinutes);
                o.SlidingExpiration = true;
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.AccessDeniedPath = "/Account/Denied";
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, 401, "请先登录", "需要登录或有效的访问令牌。", "unauthenticated");
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, 403, "没有权限", "您的角色无权执行此操作。", "forbidden");
                o.Events.OnValidatePrincipal = SessionStamps.ValidateCookieAsync; // logout, password or role change end every cookie
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);

        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, DenialAuditingResultHandler>();
        services.AddAuthorization(o =>
        {
            foreach (var (name, roles) in Policies.Map)
                o.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
            o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Yiyang 医养结合服务信息平台 API";
            doc.Info.Version = "v1";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddDbContextCheck<YiyangDb>("database");
        services.AddSingleton(sp => new MetricsCollector(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.NodeOptions>>().Value.NodeName));
        services.AddPublicRateLimit(config); // policy "public": the anonymous free-beds page and API only
        services.AddRazorPages(o =>
        {
            // pages live in their module's folder (Modules/<Module>/Pages) and declare absolute routes in @page
            o.RootDirectory = "/Modules";
            o.Conventions.Add(new IndexPageAliases());
            o.Conventions.AllowAnonymousToPage("/Accounts/Pages/Login");
            o.Conventions.AllowAnonymousToPage("/Accounts/Pages/Denied");
            o.Conventions.AllowAnonymousToPage("/Shared/Error");
            o.Conventions.ConfigureFilter(new RequestTransactionPageFilter()); // a POST handler runs in one transaction
        });
        services.AddAntiforgery(o => o.Cookie.Name = "yiyang.af");
        services.AddReverseProxySupport(config, builder.Environment); // known proxies, HSTS, Secure cookies over HTTPS
        // render Chinese as UTF-8 text rather than &#x...; escapes
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    public static void ConfigureJson(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        o.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        JsonInputRules.Apply(o); // control characters, implausible dates and null list elements are a 400 on the field
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status, string title, string detail, string code)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/openapi")
            || ProblemFormats.For(ctx.HttpContext, ctx.Request.Path) is not null)
            return ProblemWriter.WriteAsync(ctx.HttpContext, status, title, detail, code);
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseReverseProxySupport(); // before anything reads the client's address or scheme
        // ProblemDetailsHandler logs every exception with the request's own method and path (not /Error)
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            SuppressDiagnosticsCallback = _ => true,
            // an unreachable database is a 503 on pages too (the API's problem answer says so in ProblemDetailsHandler)
            StatusCodeSelector = e => DbErrors.IsUnavailable(e) ? 503 : 500,
        });
        app.UseStatusCodePages(async ctx =>
        {
            var http = ctx.HttpContext;
            if ((http.Request.Path.StartsWithSegments("/api") || ProblemFormats.For(http, http.Request.Path) is not null) && !http.Response.HasStarted && http.Response.ContentLength is null
                && string.IsNullOrEmpty(http.Response.ContentType))
            {
                var status = http.Response.StatusCode;
                await ProblemWriter.WriteAsync(http, status, status switch { 404 => "未找到", 405 => "不支持的请求方法", 415 => "不支持的内容类型", _ => "请求失败" },
                    status switch { 404 => "请求的地址不存在。", 405 => "该地址不支持此请求方法。", 415 => "请以 application/json 提交。", _ => "请求未能完成。" },
                    status switch { 404 => "not-found", 405 => "method-not-allowed", 415 => "unsupported-media-type", _ => "error" });
            }
        });
        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
            // pages and API answers may carry personal data (a revealed ID, a phone): never stored by a browser or a proxy
            // (stylesheets, scripts and images keep their own caching)
            ctx.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                var type = response.ContentType ?? "";
                if (response.Headers.CacheControl.Count > 0) return Task.CompletedTask; // an endpoint's own rule (the public free-beds list: 60 s)
                if (type.StartsWith("text/html", StringComparison.Ordinal) || type.StartsWith("application/json", StringComparison.Ordinal)
                    || type.StartsWith("application/problem+json", StringComparison.Ordinal)
                    || type.StartsWith("application/vnd.openxmlformats", StringComparison.Ordinal) || type.StartsWith("text/csv", StringComparison.Ordinal))
                    response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            }, ctx.Response);
            await next();
        });
        app.UseDefaultBodyLimit(); // 1 MB until the endpoint is known (UseBodyLimits)
        app.UseRequestInputGuard();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("zh-CN"),
            SupportedCultures = [new("zh-CN")],
            SupportedUICultures = [new("zh-CN")],
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseBodyLimits(); // 64 KB anonymous, 1 MB otherwise, imports their own: refused while reading
        app.UseRateLimiter(); // after routing: only endpoints with the "public" policy are limited
        app.UseAuthentication();
        app.UseMiddleware<TotpEnrolmentGate>(); // a user who must enrol a second factor sees only the enrolment page
        app.UseDenialAudit(); // 403 and 404 of signed-in users, with user and route
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (ctx, report) =>
            {
                ctx.Response.ContentType = "application/json";
                var leadership = ctx.RequestServices.GetRequiredService<Hosting.ILeadership>();
                await ctx.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    node = leadership.Node,
                    leader = leadership.IsLeader,
                    checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString() }),
                });
            },
        }).AllowAnonymous();
        app.MapRazorPages();
        app.Services.GetRequiredService<MetricsCollector>(); // start listening at startup
        app.MapMetrics();
        return app;
    }
}
