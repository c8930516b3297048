using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Elders;

/// <summary>
/// Limits exact searches (a full ID number or phone) per user: <see cref="ElderOptions.ExactSearchLimit"/> in a sliding
/// window of <see cref="ElderOptions.ExactSearchWindowMinutes"/>, then 429 until the oldest search leaves the window.
/// An exact search confirms a guess at a masked identifier, so an unlimited one turned the masks into a short list of
/// candidates to try (a phone mask, 10⁴ candidates, fell in 21 s in an audit). Hits and misses count alike. Counted in
/// the database (<see cref="SharedThrottle"/>), so several app nodes share one quota per user;
/// docs/domain/elders-and-identifiers.md#exact-searches.
/// </summary>
public sealed class ExactSearchThrottle(SharedThrottle throttle, IOptions<ElderOptions> options)
{
    /// <summary>Counts one exact search of <paramref name="userKey"/>, or throws 429 when the window is full.</summary>
    public async Task TakeAsync(string userKey, CancellationToken ct)
    {
        var o = options.Value;
        if (o.ExactSearchLimit <= 0) return; // off: load tests only
        var limit = o.ExactSearchLimit;
        var window = TimeSpan.FromMinutes(Math.Max(1, o.ExactSearchWindowMinutes));
        if (await throttle.TakeAsync("elders.exact-search", userKey, limit, window, ct) is { } retry)
            throw new TooManyRequestsException(
                $"按身份证号或电话精确查找过于频繁（每 {window.TotalMinutes:0} 分钟最多 {limit} 次），请 {TooManyRequestsException.WaitText(retry)} 后再试，或按姓名查找。", retry);
    }
}
