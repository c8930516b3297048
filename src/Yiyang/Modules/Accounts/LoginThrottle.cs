using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Accounts;

/// <summary>
/// Counts failed logins per client address and per typed account name (known or not, so that the answer does not tell
/// which names exist) in a fixed window (<see cref="AccountOptions.ThrottleWindowMinutes"/>). In memory on each app node:
/// behind a load balancer an attacker gets at most nodes × the limit; the per-account lockout in the database is shared
/// by all nodes and stays. Bounded: when full, expired windows are dropped, and if that is not enough the counts start
/// over (a flood of distinct names therefore cannot grow memory).
/// </summary>
public sealed class LoginThrottle(IOptions<AccountOptions> options, TimeProvider clock)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;
        public int Failures;
    }

    /// <summary>How long the caller must wait before another attempt, or null when the attempt may go ahead.</summary>
    public TimeSpan? RetryAfter(string? ip, string userName)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var ipWait = Blocked(IpKey(ip), o.FailuresPerIp, now);
        var nameWait = Blocked(NameKey(userName), o.FailuresPerName, now);
        return (ipWait, nameWait) switch
        {
            (null, null) => null,
            ({ } a, { } b) => a > b ? a : b,
            _ => ipWait ?? nameWait,
        };
    }

    /// <summary>Counts a failure; returns whether this one reached a limit (the moment worth an audit entry).</summary>
    public bool Fail(string? ip, string userName)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var ipReached = o.FailuresPerIp > 0 && Count(IpKey(ip), now) == o.FailuresPerIp;
        var nameReached = o.FailuresPerName > 0 && Count(NameKey(userName), now) == o.FailuresPerName;
        return ipReached || nameReached;
    }

    /// <summary>Forgets every count (tests).</summary>
    internal void Reset() => _windows.Clear();

    /// <summary>A full sign-in clears the name's count (not the address's: one good account must not reset an attack).</summary>
    public void Succeed(string userName) => _windows.TryRemove(NameKey(userName), out _);

    private TimeSpan? Blocked(string key, int limit, DateTimeOffset now)
    {
        if (limit <= 0 || !_windows.TryGetValue(key, out var w)) return null;
        var end = w.Start + Span;
        if (end <= now || Volatile.Read(ref w.Failures) < limit) return null;
        return end - now;
    }

    private int Count(string key, DateTimeOffset now)
    {
        if (_windows.Count >= MaxEntries) Prune(now);
        while (true)
        {
            var w = _windows.GetOrAdd(key, _ => new Window(now));
            if (w.Start + Span > now) return Interlocked.Increment(ref w.Failures);
            _windows.TryUpdate(key, new Window(now), w); // the window ran out: start a new one
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, w) in _windows)
            if (w.Start + Span <= now) _windows.TryRemove(key, out _);
        if (_windows.Count >= MaxEntries) _windows.Clear();
    }

    private TimeSpan Span => TimeSpan.FromMinutes(Math.Max(1, options.Value.ThrottleWindowMinutes));

    private static string IpKey(string? ip) => "ip\u001f" + (ip ?? "unknown");

    private static string NameKey(string userName)
    {
        var n = userName.Trim().ToLowerInvariant();
        return "name\u001f" + (n.Length > 64 ? n[..64] : n);
    }
}
