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
