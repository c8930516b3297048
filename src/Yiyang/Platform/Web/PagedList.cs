namespace Yiyang.Platform.Web;

/// <summary>A page of results: {items, total, page, pageSize}.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}
