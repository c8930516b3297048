using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;

namespace Yiyang.Platform.Web;

/// <summary>
/// Request bodies are bounded by what the endpoint takes, before anything reads them: anonymous endpoints (login, the
/// public free-beds list) 64 KB, every other API and page 1 MB, an endpoint marked with <see cref="LargeBody"/> its own
/// limit (the CSV import: 200 MB). Kestrel refuses the rest with 413 while reading, so a huge body never reaches memory.
/// </summary>
public static class BodyLimits
{
    public const long Anonymous = 64 * 1024;
    public const long Default = 1024 * 1024;

    /// <summary>Endpoint metadata: this endpoint takes bodies up to <paramref name="Bytes"/>.</summary>
    public sealed record LargeBody(long Bytes);

    public static TBuilder AllowsBodyUpTo<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new LargeBody(bytes));
        return builder;
    }

    /// <summary>Before anything reads a body (the input guard reads page forms before routing): the default bound.</summary>
    public static IApplicationBuilder UseDefaultBodyLimit(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = Default;
        return next(ctx);
    });

    /// <summary>After routing (the endpoint is known), before authentication and the endpoint read the body.</summary>
    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        var feature = ctx.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            var endpoint = ctx.GetEndpoint();
            feature.MaxRequestBodySize = endpoint?.Metadata.GetMetadata<LargeBody>() is { } large ? large.Bytes
                : endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint is null ? Anonymous
                : Default;
        }
        return next(ctx);
    });
}
