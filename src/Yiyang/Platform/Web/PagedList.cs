namespace Yiyang.Platform.Web;

/// <summary>
/// A page of results: {items, total, page, pageSize, totalCapped}. A list that counts its matches only up to a limit
/// sets <see cref="TotalCapped"/>: there are more than <see cref="Total"/> matches, and the pages reach that far.
/// </summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize, bool TotalCapped = false)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>What the shared pager shows: the page, the page count, the total (or "more than") and the page links.</summary>
public sealed record PagerModel(int Page, int PageCount, int Total, Func<int, string> Url, bool TotalCapped = false)
{
    public static PagerModel For<T>(PagedList<T> list, Func<int, string> url) =>
        new(list.Page, list.PageCount, list.Total, url, list.TotalCapped);
}

/// <summary>Settings of the paged lists (section <c>Lists</c>).</summary>
public sealed class ListOptions
{
    public const string Section = "Lists";

    /// <summary>
    /// Lists that can match a large part of a city's data — elders, home visits, the audit log (every read of a
    /// person's record is audited) — count their matches up to this many (0: always exactly), then say "超过 N": an exact
    /// count would grow with the data on every page.
    /// </summary>
    public int MaxCountedResults { get; set; } = 10_000;
}

public static class Paging
{
    /// <summary>
    /// The number of matches, counted up to <paramref name="cap"/> (<see cref="ListOptions.MaxCountedResults"/>; 0:
    /// exactly), and whether there are more: a bounded count costs the same at any size.
    /// </summary>
    public static async Task<(int Total, bool Capped)> CountUpToAsync<T>(IQueryable<T> q, int cap, CancellationToken ct)
    {
        if (cap <= 0) return (await q.CountAsync(ct), false);
        var n = await q.Take(cap + 1).CountAsync(ct);
        return n > cap ? (cap, true) : (n, false);
    }

    /// <summary>
    /// The total of a list whose page is already read, without a count where the page tells it: a page shorter than
    /// <paramref name="size"/> that is the first page or holds rows ends the list (a search by ID number or phone, a rare
    /// name: one statement instead of two); otherwise <see cref="CountUpToAsync"/>.
    /// </summary>
    public static Task<(int Total, bool Capped)> TotalAsync<T>(IQueryable<T> q, int page, int size, int rowsOnPage, int cap, CancellationToken ct)
    {
        var skip = (page - 1) * size;
        if (rowsOnPage < size && (page == 1 || rowsOnPage > 0) && (cap <= 0 || skip + rowsOnPage <= cap))
            return Task.FromResult((skip + rowsOnPage, false));
        return CountUpToAsync(q, cap, ct);
    }
}
