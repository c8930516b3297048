namespace Yiyang.Platform.Web;

/// <summary>
/// An endpoint filter on every module route: a date bound from the route or the query string outside
/// <see cref="InputRules.EarliestDate"/>..<see cref="InputRules.LatestDate"/> is a 400 on that parameter (dates in JSON
/// bodies are checked while binding: <see cref="JsonInputRules"/>). Routes without a date parameter get no filter.
/// </summary>
public static class PlausibleArguments
{
    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var dates = context.MethodInfo.GetParameters()
            .Select((p, i) => (Name: p.Name ?? "", Index: i, Type: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
            .Where(p => p.Type == typeof(DateOnly) || p.Type == typeof(DateTime) || p.Type == typeof(DateTimeOffset))
            .ToArray();
        if (dates.Length == 0) return next;
        return invocation =>
        {
            foreach (var (name, index, _) in dates)
            {
                var plausible = invocation.Arguments[index] switch
                {
                    DateOnly d => InputRules.IsPlausible(d),
                    DateTime d => InputRules.IsPlausible(d),
                    DateTimeOffset d => InputRules.IsPlausible(d),
                    _ => true,
                };
                if (!plausible) throw ValidationFailedException.For(name, InputRules.DateRangeMessage);
            }
            return next(invocation);
        };
    }
}
