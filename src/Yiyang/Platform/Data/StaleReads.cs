using Npgsql;

namespace Yiyang.Platform.Data;

/// <summary>
/// The read-only replica (<c>ConnectionStrings:YiyangReadOnly</c>, PostgreSQL only) and how far behind the primary it is.
/// Its lag is asked at most once a second: 0 while the standby has replayed all it received, else the age of its last
/// replayed transaction. An unreachable replica is left alone for <see cref="RetryAfterFailure"/>; reads go to the primary
/// meanwhile. Without the setting every read goes to the primary.
/// </summary>
public sealed class ReplicaRouter
{
    private static readonly TimeSpan LagCheckInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);
    private readonly DbContextOptions<YiyangDb>? _options;
    private readonly string? _connectionString;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReplicaRouter> _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, TimeSpan? Lag) _last = (DateTimeOffset.MinValue, null);

    public ReplicaRouter(IConfiguration config, TimeProvider clock, ILogger<ReplicaRouter> log)
    {
        _clock = clock;
        _log = log;
        var cs = config.GetConnectionString("YiyangReadOnly");
        if (string.IsNullOrWhiteSpace(cs) || DatabaseSetup.Provider(config) != DatabaseProvider.Postgres) return;
        _connectionString = DatabaseSetup.WithNpgsqlDefaults(cs);
        var o = new DbContextOptionsBuilder<YiyangDb>();
        DatabaseSetup.Configure(o, DatabaseProvider.Postgres, _connectionString);
        o.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        _options = o.Options;
    }

    public bool Configured => _options is not null;

    /// <summary>A context on the replica when it is configured, reachable and within <paramref name="tolerated"/>; else null.</summary>
    public async Task<YiyangDb?> OpenAsync(TimeSpan tolerated, CancellationToken ct)
    {
        if (_options is null) return null;
        var lag = await LagAsync(ct);
        return lag is { } l && l <= tolerated ? new YiyangDb(_options) : null;
    }

    private async Task<TimeSpan?> LagAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var last = _last;
        if (now - last.At < (last.Lag is null ? RetryAfterFailure : LagCheckInterval)) return last.Lag;
        await _gate.WaitAsync(ct);
        try
        {
            if (now - _last.At < (_last.Lag is null ? RetryAfterFailure : LagCheckInterval)) return _last.Lag;
            TimeSpan? lag;
            try
            {
                await using var conn = new NpgsqlConnection(_connectionString);
                await conn.OpenAsync(ct);
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = """
                    SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                                ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9) END::float8
                    """;
                lag = TimeSpan.FromSeconds(Math.Max(0, (double)(await cmd.ExecuteScalarAsync(ct))!));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                _log.LogWarning("Read-only replica unavailable ({Error}); reads go to the primary", e.GetType().Name);
                lag = null;
            }
            _last = (_clock.GetUtcNow(), lag);
            return lag;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>
/// Reads that tolerate some staleness, sent to the read-only replica when one is configured and close enough, else to the
/// primary (the request's own context). Each use names how stale it may be (<see cref="Staleness"/>; the list is in
/// docs/operations.md#read-only-replica). Writes, and reads that must see the request's own writes, never come here.
/// </summary>
public sealed class StaleReads(YiyangDb primary, ReplicaRouter router) : IAsyncDisposable
{
    private YiyangDb? _replica;
    private bool _asked;

    /// <summary>The context for a read that tolerates <paramref name="tolerated"/> of staleness.</summary>
    public async Task<YiyangDb> WithinAsync(TimeSpan tolerated, CancellationToken ct)
    {
        if (!router.Configured) return primary;
        if (!_asked)
        {
            _replica = await router.OpenAsync(tolerated, ct);
            _asked = true;
        }
        return _replica ?? primary;
    }

    /// <summary>The context chosen by the last <see cref="WithinAsync"/> (the primary before any).</summary>
    public YiyangDb Current => _replica ?? primary;

    /// <summary>Whether this request's stale reads went to the replica (for the page's "as of" note and for tests).</summary>
    public bool OnReplica => _replica is not null;

    public async ValueTask DisposeAsync()
    {
        if (_replica is not null) await _replica.DisposeAsync();
    }
}

/// <summary>The staleness each kind of read tolerates (docs/operations.md#read-only-replica).</summary>
public static class Staleness
{
    /// <summary>Indicator dashboards, drill-throughs and their exports: counts of a year, read before a meeting.</summary>
    public static readonly TimeSpan Indicators = TimeSpan.FromSeconds(30);

    /// <summary>The anonymous free-beds list: already cached for a minute per region and kind.</summary>
    public static readonly TimeSpan PublicLists = TimeSpan.FromSeconds(60);
}
