using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Errors;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Elders;

public sealed class ExactSearchThrottleTests
{
    private readonly TestClock _clock = new();

    private ExactSearchThrottle Throttle(ElderOptions? o = null) => new(_clock, Options.Create(o ?? new ElderOptions()));

    [Fact]
    public void By_default_a_user_has_20_exact_searches_an_hour_then_429_until_the_oldest_leaves_the_hour()
    {
        var throttle = Throttle();
        for (var i = 0; i < 20; i++)
        {
            throttle.Take("7");
            _clock.Offset += TimeSpan.FromMinutes(1);
        }
        var e = Assert.Throws<TooManyRequestsException>(() => throttle.Take("7"));
        Assert.Equal(429, e.Status);
        Assert.InRange(e.RetryAfterSeconds, 39 * 60, 40 * 60); // the first search, 20 minutes ago, leaves the hour in 40
        Assert.Contains("20 次", e.Message);

        throttle.Take("8"); // another user's quota is their own
        _clock.Offset += TimeSpan.FromMinutes(41);
        throttle.Take("7");
    }

    [Fact]
    public void A_limit_of_0_turns_the_throttle_off()
    {
        var throttle = Throttle(new ElderOptions { ExactSearchLimit = 0 });
        for (var i = 0; i < 1000; i++) throttle.Take("7");
    }
}
