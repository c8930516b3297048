using Yiyang.Modules.Accounts;

namespace Yiyang.Tests.Accounts;

public sealed class BearerTokenCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static User U() => new() { UserName = "doctor", DisplayName = "医生", PasswordHash = "x", Role = "doctor" };

    [Fact]
    public void A_cached_token_is_forgotten_after_30_seconds()
    {
        var cache = new BearerTokenCache();
        cache.Add("h", U(), Now.AddHours(8), Now);
        Assert.NotNull(cache.Find("h", Now.AddSeconds(29)));
        Assert.Null(cache.Find("h", Now.AddSeconds(30)));
        Assert.Null(cache.Find("other", Now));
    }

    [Fact]
    public void A_cached_token_never_outlives_the_token()
    {
        var cache = new BearerTokenCache();
        cache.Add("h", U(), Now.AddSeconds(5), Now);
        Assert.NotNull(cache.Find("h", Now.AddSeconds(4)));
        Assert.Null(cache.Find("h", Now.AddSeconds(5)));
    }
}
