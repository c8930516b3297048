using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Yiyang.Platform.Hosting;

/// <summary>
/// This app node's identity and how background work is shared between nodes (<c>Node:*</c>):
/// <c>Name</c> labels the node's metrics and health (default: the machine name);
/// <c>LeaderCheckSeconds</c> is how often a follower tries to become the leader and the leader checks it still is (5);
/// <c>LeaderConnection</c> is an optional connection string for the lock's own session, needed when the main one goes
/// through a transaction-pooling PgBouncer (a session lock does not survive there): point it at the primary directly;
/// <c>ElectLeader</c> false makes this node lead without asking (a single-node deployment, or a test host beside another
/// on one database); true by default.
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "Node";
    public string? Name { get; set; }
    public int LeaderCheckSeconds { get; set; } = 5;
    public string? LeaderConnection { get; set; }
    public bool ElectLeader { get; set; } = true;

    public string NodeName => string.IsNullOrWhiteSpace(Name) ? Environment.MachineName : Name.Trim();
}

/// <summary>Whether this node runs the cluster's background jobs now (docs/operations.md#background-jobs).</summary>
public interface ILeadership
{
    string Node { get; }

    bool IsLeader { get; }
}

/// <summary>
/// Leader election through a PostgreSQL session-level advisory lock held on a connection of its own: the node that holds
/// it runs the periodic jobs; when that node dies its session ends, the lock is released by the server, and another node
/// takes it at its next check. A leader checks each round that its session is alive and steps down at once if not (after
/// a failover the new primary holds no locks, and the first node to ask wins). On SQLite there is one node: it leads (and so
/// does a node told not to elect, <see cref="NodeOptions.ElectLeader"/>).
/// </summary>
public sealed class LeaderElection(IOptions<NodeOptions> options, IConfiguration config, IHostEnvironment env,
    ILogger<LeaderElection> log) : BackgroundService, ILeadership
{
    /// <summary>The advisory lock key of the background-jobs leader (distinct from the audit writer's).</summary>
    public const long LockKey = 7_243_002;
    // one per node instance (several hosts share a test process); disposed with it
    private readonly Meter _meter = new("Yiyang.Node");
    private readonly bool _single = Data.DatabaseSetup.Provider(config) == Data.DatabaseProvider.Sqlite || !options.Value.ElectLeader;
    private NpgsqlConnection? _session;
    private volatile bool _leader;
    private bool _gaugeCreated;

    public string Node => options.Value.NodeName;

    public bool IsLeader => _single || _leader;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_gaugeCreated) _meter.CreateObservableGauge("yiyang.node.leader", () => IsLeader ? 1 : 0);
        _gaugeCreated = true;
        // decided before the periodic jobs (registered later) start, so a job due at start runs on the leader only
        if (!_single) await TryLeadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_single) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaderCheckSeconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await TryLeadAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping
        }
    }

    /// <summary>One check: a leader confirms its session; a follower asks for the lock.</summary>
    public async Task TryLeadAsync(CancellationToken ct)
    {
        var was = _leader;
        try
        {
            if (_session is null)
            {
                _session = new NpgsqlConnection(SessionConnectionString());
                await _session.OpenAsync(ct);
            }
            await using var cmd = _session.CreateCommand();
            cmd.CommandText = _leader ? "SELECT 1" : $"SELECT pg_try_advisory_lock({LockKey})";
            var result = await cmd.ExecuteScalarAsync(ct);
            _leader = _leader || result is true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            _leader = false;
            await DropSessionAsync();
            log.LogWarning("Leader check on node {Node} failed: {Error}", Node, e.GetType().Name);
        }
        if (was != _leader) log.LogInformation("Node {Node} {Change} the background-jobs leader", Node, _leader ? "became" : "is no longer");
    }

    private string SessionConnectionString()
    {
        var given = options.Value.LeaderConnection;
        var cs = string.IsNullOrWhiteSpace(given) ? Data.DatabaseSetup.ConnectionString(config, env) : given;
        // a session of its own: never a pooled connection that another caller could reuse (or the pool could keep after
        // the server dropped it); short timeouts so a dead primary is noticed within one check
        var b = new NpgsqlConnectionStringBuilder(cs) { Pooling = false, Timeout = 5, CommandTimeout = 5, KeepAlive = 5, ApplicationName = "yiyang-leader:" + Node };
        return b.ConnectionString;
    }

    private async Task DropSessionAsync()
    {
        if (_session is null) return;
        try
        {
            await _session.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or IOException)
        {
            // already broken
        }
        _session = null;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _leader = false;
        await DropSessionAsync(); // closing the session releases the lock: another node takes over at its next check
    }

    public override void Dispose()
    {
        _meter.Dispose();
        _session?.Dispose();
        base.Dispose();
    }
}
