using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Elders;

/// <summary>
/// Limits exact searches (a full ID number or phone) per user: <see cref="ElderOptions.ExactSearchLimit"/> in a sliding
/// window of <see cref="ElderOptions.ExactSearchWindowMinutes"/>, then 429 until the oldest search leaves the window.
/// An exact search confirms a guess at a masked identifier, so an unlimited one turned the masks into a short list of
/// candidates to try (a phone mask, 10⁴ candidates, fell in 21 s in an audit). Hits and misses count alike.
/// Kept in memory: with several app nodes each node counts its own searches (a user behind a load balancer may get
/// up to nodes × limit); docs/domain/elders-and-identifiers.md#exact-searches.
/// </summary>
public sealed class ExactSearchThrottle(TimeProvider clock, IOptions<ElderOptions> options)
{
    private const int SweepEvery = 4096;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _byUser = [];
    private int _calls;

    /// <summary>Counts one exact search of <paramref name="userKey"/>, or throws 429 when the window is full.</summary>
    public void Take(string userKey)
    {
        var o = options.Value;
        if (o.ExactSearchLimit <= 0) return; // off: load tests only
        var limit = o.ExactSearchLimit;
        var window = TimeSpan.FromMinutes(Math.Max(1, o.ExactSearchWindowMinutes));
        var now = clock.GetUtcNow();
        lock (_byUser)
        {
            if (++_calls % SweepEvery == 0) Sweep(now, window);
            if (!_byUser.TryGetValue(userKey, out var times)) _byUser[userKey] = times = new Queue<DateTimeOffset>();
            while (times.Count > 0 && times.Peek() <= now - window) times.Dequeue();
            if (times.Count >= limit)
            {
                var retry = times.Peek() + window - now;
                throw new TooManyRequestsException(
                    $"按身份证号或电话精确查找过于频繁（每 {window.TotalMinutes:0} 分钟最多 {limit} 次），请 {TooManyRequestsException.WaitText(retry)} 后再试，或按姓名查找。", retry);
            }
            times.Enqueue(now);
        }
    }

    /// <summary>Forgets users whose searches have all left the window (memory stays bounded by the active users).</summary>
    private void Sweep(DateTimeOffset now, TimeSpan window)
    {
        foreach (var (key, times) in _byUser.ToList())
        {
            if (times.Count == 0 || times.Last() <= now - window) _byUser.Remove(key);
        }
    }
}
