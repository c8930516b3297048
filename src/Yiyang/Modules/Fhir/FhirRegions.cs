namespace Yiyang.Modules.Fhir;

/// <summary>
/// The region conditions of a search, for records that carry a township and a county code: <c>region</c> (a division
/// code of any level: 2, 4, 6 or 9 digits) and <c>address-city</c> (a city's name, by prefix).
/// </summary>
public sealed record RegionMatch(string? Township, string? County, string? CountyPrefix, IReadOnlyList<string>? Counties)
{
    public static IReadOnlyList<RegionMatch> From(FhirSearch search, RegionCatalog regions)
    {
        var result = new List<RegionMatch>();
        if (search.One("region") is { } code)
        {
            var r = regions.Find(code) ?? throw FhirErrors.Invalid("region", "行政区划代码不存在（省 2 位、市 4 位、区县 6 位、乡镇街道 9 位）。");
            result.Add(r.Level switch
            {
                RegionLevel.Township => new RegionMatch(r.Code, null, null, null),
                RegionLevel.County => new RegionMatch(null, r.Code, null, null),
                _ => new RegionMatch(null, null, r.Code, null),
            });
        }
        if (search.One("address-city") is { } city)
        {
            var counties = regions.Provinces.SelectMany(p => regions.ChildrenOf(p.Code))
                .Where(c => c.Level == RegionLevel.City && c.Name.StartsWith(city, StringComparison.Ordinal))
                .SelectMany(c => regions.ChildrenOf(c.Code)).Select(c => c.Code).ToList();
            result.Add(new RegionMatch(null, null, null, counties));
        }
        return result;
    }
}

public static class RegionMatchQuery
{
    /// <summary>The rows within every match.</summary>
    public static IQueryable<T> WhereRegion<T>(this IQueryable<T> q, IReadOnlyList<RegionMatch> matches,
        System.Linq.Expressions.Expression<Func<T, string>> township, System.Linq.Expressions.Expression<Func<T, string>> county)
    {
        foreach (var m in matches)
        {
            if (m.Township is { } t) q = q.Where(Equal(township, t));
            if (m.County is { } c) q = q.Where(Equal(county, c));
            if (m.CountyPrefix is { } prefix) q = q.Where(StartsWith(county, prefix));
            if (m.Counties is { } list) q = q.Where(In(county, list));
        }
        return q;
    }

    private static System.Linq.Expressions.Expression<Func<T, bool>> Equal<T>(System.Linq.Expressions.Expression<Func<T, string>> column, string value) =>
        System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(
            System.Linq.Expressions.Expression.Equal(column.Body, Value(value)), column.Parameters);

    private static System.Linq.Expressions.Expression<Func<T, bool>> StartsWith<T>(System.Linq.Expressions.Expression<Func<T, string>> column, string value) =>
        System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(
            System.Linq.Expressions.Expression.Call(column.Body, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, Value(value)),
            column.Parameters);

    private static System.Linq.Expressions.Expression<Func<T, bool>> In<T>(System.Linq.Expressions.Expression<Func<T, string>> column, IReadOnlyList<string> values) =>
        System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(
            System.Linq.Expressions.Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Value(values.ToList()), column.Body),
            column.Parameters);

    /// <summary>A captured value, so that EF sends it as a parameter (as a closure would).</summary>
    private static System.Linq.Expressions.Expression Value<TValue>(TValue value)
    {
        var box = new Box<TValue>(value);
        return System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Constant(box), nameof(Box<TValue>.Value));
    }

    private sealed record Box<TValue>(TValue Value);
}
