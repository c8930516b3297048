namespace Yiyang.Platform.Web;

/// <summary>A resource with a row version: its responses carry <c>ETag: W/"version"</c> (see <see cref="ETagFilter"/>).</summary>
public interface IVersioned
{
    int Version { get; }
}

/// <summary>
/// The request's <c>If-Match</c> as a row version, bound as an endpoint parameter: null when absent,
/// <see cref="Etags.Any"/> for <c>*</c>; a malformed header is a 400 on the field "If-Match".
/// </summary>
public readonly record struct IfMatch(int? Version)
{
    public static ValueTask<IfMatch> BindAsync(HttpContext http) =>
        ValueTask.FromResult(new IfMatch(Etags.Parse(http.Request.Headers.IfMatch)));
}

/// <summary>Sets <c>ETag</c> from the version of an <see cref="IVersioned"/> response body.</summary>
public sealed class ETagFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is IValueHttpResult { Value: IVersioned v } && !context.HttpContext.Response.HasStarted)
            context.HttpContext.Response.Headers.ETag = Etags.For(v.Version);
        return result;
    }
}

public static class VersioningExtensions
{
    /// <summary>Every endpoint of the builder answers with the ETag of its versioned body.</summary>
    public static TBuilder WithETags<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, ETagFilter>();
}
