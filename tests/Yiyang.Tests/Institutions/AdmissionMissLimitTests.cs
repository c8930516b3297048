using Yiyang.Modules.Institutions;

namespace Yiyang.Tests.Institutions;

public sealed class AdmissionMissLimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void Lookups_are_left_while_the_misses_are_fewer_than_the_limit() =>
        Assert.Null(AdmissionMissLimit.RetryAfter([Now.AddMinutes(-50), Now.AddMinutes(-10)], 3, Now, Hour));

    [Fact]
    public void At_the_limit_the_wait_ends_when_the_oldest_counted_miss_leaves_the_window() =>
        Assert.Equal(TimeSpan.FromMinutes(10), AdmissionMissLimit.RetryAfter([Now.AddMinutes(-50), Now.AddMinutes(-20), Now.AddMinutes(-5)], 3, Now, Hour));

    [Fact]
    public void Beyond_the_limit_enough_misses_must_leave_to_go_under_it() =>
        // 4 misses, limit 2: three must leave, the last of them 20 min old → 40 minutes
        Assert.Equal(TimeSpan.FromMinutes(40), AdmissionMissLimit.RetryAfter([Now.AddMinutes(-50), Now.AddMinutes(-30), Now.AddMinutes(-20), Now.AddMinutes(-5)], 2, Now, Hour));

    [Fact]
    public void A_limit_of_zero_switches_the_check_off() =>
        Assert.Null(AdmissionMissLimit.RetryAfter([Now, Now, Now], 0, Now, Hour));
}
