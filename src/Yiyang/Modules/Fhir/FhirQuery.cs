using System.Linq.Expressions;

namespace Yiyang.Modules.Fhir;

/// <summary>Search conditions as query filters (translated to SQL on both databases).</summary>
public static class FhirQuery
{
    /// <summary>Every date condition on an instant column: eq within the range, gt/ge/lt/le against its bounds.</summary>
    public static IQueryable<T> WhereInstant<T>(this IQueryable<T> q, Expression<Func<T, DateTimeOffset>> column, IEnumerable<FhirDateRange> ranges)
    {
        foreach (var r in ranges) q = q.Where(Compare(column, r.Prefix, r.Start, r.End));
        return q;
    }

    /// <summary>The same on a nullable instant: a row without the value matches no condition.</summary>
    public static IQueryable<T> WhereInstant<T>(this IQueryable<T> q, Expression<Func<T, DateTimeOffset?>> column, IEnumerable<FhirDateRange> ranges)
    {
        foreach (var r in ranges) q = q.Where(Compare(column, r.Prefix, (DateTimeOffset?)r.Start, (DateTimeOffset?)r.End));
        return q;
    }

    /// <summary>Every date condition on a date column (days in China).</summary>
    public static IQueryable<T> WhereDay<T>(this IQueryable<T> q, Expression<Func<T, DateOnly>> column, IEnumerable<FhirDateRange> ranges)
    {
        foreach (var r in ranges) q = q.Where(Compare(column, r.Prefix, r.StartDay, r.EndDay));
        return q;
    }

    /// <summary>
    /// eq: start ≤ v &lt; end; ge: v ≥ start; gt: v ≥ end (after the whole range); le: v &lt; end; lt: v &lt; start.
    /// </summary>
    private static Expression<Func<T, bool>> Compare<T, TValue>(Expression<Func<T, TValue>> column, string prefix, TValue start, TValue end)
    {
        var v = column.Body;
        Expression Const(TValue x) => Expression.Constant(x, typeof(TValue));
        var body = prefix switch
        {
            "gt" => Expression.GreaterThanOrEqual(v, Const(end)),
            "ge" => Expression.GreaterThanOrEqual(v, Const(start)),
            "lt" => Expression.LessThan(v, Const(start)),
            "le" => Expression.LessThan(v, Const(end)),
            _ => Expression.AndAlso(Expression.GreaterThanOrEqual(v, Const(start)), Expression.LessThan(v, Const(end))),
        };
        return Expression.Lambda<Func<T, bool>>(body, column.Parameters);
    }
}

/// <summary>One keyset page by a numeric id: the rows after the cursor in id order, the total of matches, and whether more follow.</summary>
public sealed record KeysetPage<T>(List<T> Rows, int? Total, bool More)
{
    public static async Task<KeysetPage<T>> ReadAsync(IQueryable<T> q, Expression<Func<T, long>> id, FhirSearch search, CancellationToken ct)
    {
        var after = search.AfterId();
        var afterId = Expression.Lambda<Func<T, bool>>(Expression.GreaterThan(id.Body, Expression.Constant(after)), id.Parameters);
        var rows = await q.Where(afterId).OrderBy(id).Take(search.Count + 1).ToListAsync(ct);
        var more = rows.Count > search.Count;
        if (more) rows.RemoveAt(rows.Count - 1);
        return new KeysetPage<T>(rows, await search.TotalAsync(q, rows.Count, null, ct), more);
    }

    /// <summary>The cursor of the next page: the last row's id, or null on the last page.</summary>
    public string? Next(Func<T, long> id) => More ? FhirMapping.Id(id(Rows[^1])) : null;
}
