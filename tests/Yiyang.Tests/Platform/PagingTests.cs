using Yiyang.Platform.Web;

namespace Yiyang.Tests.Platform;

/// <summary>
/// <see cref="Paging.TotalAsync"/>: a page that ends the list gives the total without a count. The query here is an
/// in-memory one, which EF Core's CountAsync refuses: a call that counts throws, so "no count" is observable.
/// </summary>
public sealed class PagingTests
{
    private static readonly IQueryable<int> Uncountable = Enumerable.Range(1, 1000).AsQueryable();

    [Theory]
    [InlineData(1, 20, 0, 0)]     // nothing found
    [InlineData(1, 20, 1, 1)]     // a search by ID number
    [InlineData(1, 20, 19, 19)]
    [InlineData(3, 20, 7, 47)]    // the last page: 40 before it
    public async Task A_page_that_ends_the_list_gives_the_total_without_a_count(int page, int size, int rows, int total)
    {
        Assert.Equal((total, false), await Paging.TotalAsync(Uncountable, page, size, rows, cap: 10_000, CancellationToken.None));
        Assert.Equal((total, false), await Paging.TotalAsync(Uncountable, page, size, rows, cap: 0, CancellationToken.None));
    }

    [Theory]
    [InlineData(1, 20, 20)]   // a full page: more may follow
    [InlineData(4, 20, 0)]    // past the end: where the end is is not known
    public async Task A_full_or_empty_later_page_is_counted(int page, int size, int rows) =>
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Paging.TotalAsync(Uncountable, page, size, rows, cap: 10_000, CancellationToken.None));

    [Fact]
    public async Task A_short_page_beyond_the_cap_is_counted_up_to_the_cap()
    {
        // the page's own position says 10,007 rows, more than the cap allows the list to claim exactly
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Paging.TotalAsync(Uncountable, page: 501, size: 20, rowsOnPage: 7, cap: 10_000, CancellationToken.None));
    }
}
