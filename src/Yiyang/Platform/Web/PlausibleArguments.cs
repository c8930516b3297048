namespace Yiyang.Platform.Web;

/// <summary>
/// An endpoint filter on every module route: a date bound from the route or the query string outside
/// <see cref="InputRules.EarliestDate"/>..<see cref="InputRules.LatestDate"/> is a 400 on that parameter (dates in JSON
/// bodies are checked while binding: <see cref="JsonInputRules"/>), and so is a <c>page</c> beyond
/// <see cref="InputRules.MaxPage"/> (the lists skip <c>(page - 1) * size</c> rows, which overflows). Routes without such
/// a parameter get no filter.
/// </summary>
public static class PlausibleArguments
{
    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var dates = context.MethodInfo.GetParameters()
            .Select((p, i) => (Name: p.Name ?? "", Index: i, Type: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
            .Where(p => p.Type == typeof(DateOnly) || p.Type == typeof(DateTime) || p.Type == typeof(DateTimeOffset)
                        || p.Type == typeof(int) && p.Name == "page")
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
                    int page => page <= InputRules.MaxPage,
                    _ => true,
                };
                if (!plausible)
                    throw ValidationFailedException.For(name, name == "page" ? $"页码不能超过 {InputRules.MaxPage}。" : InputRules.DateRangeMessage);
            }
            return next(invocation);
        };
    }
}
