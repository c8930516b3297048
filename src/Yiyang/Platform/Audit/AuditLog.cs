using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using QueuedEntry = (Yiyang.Platform.Audit.AuditRecord? Record, System.DateTimeOffset At, System.Threading.Tasks.TaskCompletionSource Done, bool Urgent);

namespace Yiyang.Platform.Audit;

/// <summary>What a module asks to be audited; the writer adds time, chain and hash.</summary>
public sealed record AuditRecord(
    long? UserId, string UserName, string Role, string Action, string SubjectType, string? SubjectId,
    long? ElderId, string? Detail, string? RemoteIp);

/// <summary>
/// Single writer of the audit chain. Requests queue in memory and are written in batches by one background
/// loop, so a read that is audited does not wait for the audit insert; writes await their entry
/// (<see cref="AuditTrail.RecordAsync"/> with wait) so a change is never acknowledged without its audit.
/// On PostgreSQL an advisory lock serializes writers of several app nodes; the unique prev_hash index makes a
/// fork impossible even if that were bypassed. Every entry it writes — queued or drained from the outbox — is linked by
/// the keyed MAC (<see cref="AuditMac"/>); it writes a signed checkpoint (<see cref="AuditCheckpoints"/>) every few
/// minutes and when it stops.
/// </summary>
public sealed class AuditLog : BackgroundService
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const long AdvisoryLockKey = 7_243_001;
    private static readonly Meter Meter = new("Yiyang.Audit");
    private static readonly Counter<long> Written = Meter.CreateCounter<long>("yiyang.audit.entries_written");

    private readonly Channel<QueuedEntry> _queue = Channel.CreateUnbounded<QueuedEntry>(new() { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<AuditLog> _log;
    private readonly AuditMac _mac;
    private readonly AuditCheckpoints _checkpoints;
    // whether the chain's last entry is known to be keyed (the marker is in the chain): checked once, under the lock
    private bool _keyed;
    private DateTimeOffset _nextCheckpoint;
    // the one pending wait for new entries (a single-reader channel cancels an earlier wait when another one starts)
    private Task<bool>? _waiting;

    public AuditLog(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditLog> log, AuditMac mac, AuditCheckpoints checkpoints)
    {
        _scopes = scopes;
        _clock = clock;
        _log = log;
        _mac = mac;
        _checkpoints = checkpoints;
        _nextCheckpoint = clock.GetUtcNow() + checkpoints.Interval;
    }

    /// <summary>
    /// Queues an entry; the task completes once it is committed. An entry nobody waits for (<paramref name="urgent"/> false:
    /// an audited read) may wait up to <see cref="ReadBatchWindow"/> for others to share its transaction.
    /// </summary>
    public Task Enqueue(AuditRecord record, bool urgent = true)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var at = Truncate(_clock.GetUtcNow());
        if (!_queue.Writer.TryWrite((record, at, done, urgent)))
            done.SetException(new InvalidOperationException("审计队列已关闭"));
        return done.Task;
    }

    /// <summary>Completes when everything queued before the call is written.</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((null, default, done, true))) done.SetResult();
        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<QueuedEntry>(512);
        // entries a crash or an outage left in the outbox: drained at the first flush or after the first interval (not at
        // once: the database may still be migrating)
        var outboxDue = false;
        try
        {
            while (true)
            {
                if (!outboxDue && !reader.TryPeek(out _))
                {
                    // wait for work, and look at the outbox every few seconds even when nothing is queued
                    var waiting = _waiting ??= reader.WaitToReadAsync(CancellationToken.None).AsTask();
                    if (await Task.WhenAny(waiting, Task.Delay(OutboxInterval, CancellationToken.None)) == waiting)
                    {
                        _waiting = null;
                        if (!await waiting) break;
                    }
                    else outboxDue = true;
                }
                batch.Clear();
                while (batch.Count < 500 && reader.TryRead(out var item)) batch.Add(item);
                if (!stoppingToken.IsCancellationRequested && batch.TrueForAll(b => !b.Urgent)) await GatherAsync(reader, batch);
                // a flush marker (null record: e.g. a committed write request waiting for its entries) drains the outbox too
                outboxDue |= batch.Any(b => b.Record is null);
                outboxDue = await WriteWithRetry(batch, outboxDue);
                if (_clock.GetUtcNow() >= _nextCheckpoint) await CheckpointAsync();
                if (stoppingToken.IsCancellationRequested && !reader.TryPeek(out _)) break;
            }
        }
        catch (ChannelClosedException) { }
        await CheckpointAsync(); // on shutdown: the chain as it stands when the writer stops
    }

    /// <summary>Writes a checkpoint now (when the chain has grown since the last one); a failure is logged, never thrown.</summary>
    public async Task<AuditCheckpoint?> CheckpointAsync()
    {
        _nextCheckpoint = _clock.GetUtcNow() + _checkpoints.Interval;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            return await _checkpoints.WriteAsync(scope.ServiceProvider.GetRequiredService<YiyangDb>());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.LogWarning("Audit checkpoint not written: {Error}", e.GetType().Name);
            return null;
        }
    }

    /// <summary>
    /// How long entries nobody waits for (audited reads) wait for company before they are written: one chain transaction
    /// costs the writer about as much app CPU as a few dozen entries (bench/README.md, 2026-12-07), so under a steady
    /// trickle of reads a transaction per arrival cost more than the reads themselves. A waited-for entry or a flush
    /// (a write request) ends the wait at once.
    /// </summary>
    public static readonly TimeSpan ReadBatchWindow = TimeSpan.FromMilliseconds(100);

    /// <summary>Adds what arrives within <see cref="ReadBatchWindow"/> to a batch of reads, up to 500 entries or an urgent one.</summary>
    private async Task GatherAsync(ChannelReader<QueuedEntry> reader, List<QueuedEntry> batch)
    {
        var until = DateTime.UtcNow + ReadBatchWindow;
        while (batch.Count < 500)
        {
            if (reader.TryRead(out var item))
            {
                batch.Add(item);
                if (item.Urgent) return;
                continue;
            }
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return;
            var more = _waiting ??= reader.WaitToReadAsync(CancellationToken.None).AsTask();
            if (await Task.WhenAny(more, Task.Delay(left, CancellationToken.None)) != more) return;
            _waiting = null;
            if (!await more) return;
        }
    }

    /// <summary>How often the writer looks at the outbox when no request asked it to.</summary>
    public static readonly TimeSpan OutboxInterval = TimeSpan.FromSeconds(5);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Writes the batch (and the outbox, when due) with retries; returns whether the outbox holds more than one batch took.</summary>
    private async Task<bool> WriteWithRetry(List<QueuedEntry> batch, bool outbox)
    {
        var records = batch.Where(b => b.Record is not null).Select(b => (b.Record!, b.At)).ToList();
        Exception? last = null;
        var more = false;
        for (var attempt = 0; attempt < 5 && (records.Count > 0 || outbox); attempt++)
        {
            try
            {
                more = await Write(records, outbox);
                last = null;
                break;
            }
            catch (Exception e)
            {
                last = e;
                _log.LogWarning("Audit batch of {Count} failed on attempt {Attempt}: {Error}", records.Count, attempt + 1, e.GetType().Name);
                await Task.Delay(50 * (attempt + 1));
            }
        }
        foreach (var item in batch)
        {
            if (last is null || item.Record is null) item.Done.TrySetResult();
            else item.Done.TrySetException(new InvalidOperationException("审计记录写入失败", last));
        }
        if (last is not null && records.Count > 0) _log.LogError(last, "Audit batch lost after retries");
        else if (last is not null) _log.LogWarning("Audit outbox not drained this time: {Error}", last.GetType().Name);
        return more; // after a failure the outbox is tried again at the next flush or interval
    }

    private const int OutboxBatch = 1000;

    /// <summary>
    /// One transaction: the chain's last hash, then the outbox entries (oldest first, at most <see cref="OutboxBatch"/>)
    /// and the queued records appended to the chain, the outbox entries deleted. Returns whether the outbox had more.
    /// </summary>
    private async Task<bool> Write(List<(AuditRecord Record, DateTimeOffset At)> records, bool outbox)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiyangDb>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Database.AutoSavepointsEnabled = false; // a failed batch is retried whole: no savepoint round trips
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!db.IsSqlite)
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})");
        var pending = outbox
            ? await db.AuditOutbox.AsNoTracking().OrderBy(o => o.Id).Take(OutboxBatch).ToListAsync()
            : [];
        if (pending.Count + records.Count == 0) return false;
        var entries = new List<AuditEntry>(pending.Count + records.Count + 1);
        var prev = _keyed
            ? await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync() ?? Genesis
            : await KeyedStartAsync(db, entries);
        foreach (var (r, at) in pending.Select(o => (o.ToRecord(), o.At)).Concat(records))
        {
            var entry = new AuditEntry
            {
                At = at,
                UserId = r.UserId,
                UserName = r.UserName,
                Role = r.Role,
                Action = r.Action,
                SubjectType = r.SubjectType,
                SubjectId = r.SubjectId,
                ElderId = r.ElderId,
                Detail = r.Detail is { Length: > 500 } d ? d[..500] : r.Detail,
                RemoteIp = r.RemoteIp,
                PrevHash = prev,
                Hash = "",
            };
            entry.Hash = _mac.Compute(entry);
            prev = entry.Hash;
            entries.Add(entry);
        }
        if (db.IsSqlite)
        {
            db.AuditEntries.AddRange(entries);
            await db.SaveChangesAsync();
        }
        else await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), entries);
        if (pending.Count > 0)
        {
            var ids = pending.Select(o => o.Id).ToList();
            await db.AuditOutbox.Where(o => ids.Contains(o.Id)).ExecuteDeleteAsync();
        }
        await tx.CommitAsync();
        _keyed = true;
        Written.Add(entries.Count);
        return pending.Count == OutboxBatch;
    }

    /// <summary>
    /// The chain's last hash, after making sure the chain is keyed: when its last entry does not carry this key's MAC (a chain
    /// from before the switch, or an empty one), the marker that starts the keyed chain goes first into
    /// <paramref name="entries"/>, keyed and linked to the last unkeyed hash, with the number of entries before it (ADR 0013).
    /// </summary>
    private async Task<string> KeyedStartAsync(YiyangDb db, List<AuditEntry> entries)
    {
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).FirstOrDefaultAsync();
        if (last is not null && _mac.Compute(last) == last.Hash) return last.Hash;
        // written with a previous key: a rotation marker under the new key, linked to the old key's last MAC
        if (last is not null && _mac.Previous.FirstOrDefault(p => p.Compute(last) == last.Hash) is { } old)
        {
            var rekey = Marker(AuditMac.RekeyedAction, $"from={old.KeyId}; key={_mac.KeyId}", last.Hash);
            entries.Add(rekey);
            return rekey.Hash;
        }
        if (last is not null && AuditMac.LegacyHash(last) != last.Hash)
            _log.LogError("The audit chain's last entry {Id} matches neither the audit key nor the unkeyed hash: a changed key or a changed entry", last.Id);
        var before = await db.AuditEntries.LongCountAsync();
        var marker = Marker(AuditMac.KeyedAction, $"legacy={before}; key={_mac.KeyId}", last?.Hash ?? Genesis);
        entries.Add(marker);
        return marker.Hash;
    }

    private AuditEntry Marker(string action, string detail, string prevHash)
    {
        var marker = new AuditEntry
        {
            At = Truncate(_clock.GetUtcNow()),
            UserName = "system",
            Role = "system",
            Action = action,
            SubjectType = "audit",
            SubjectId = "chain",
            Detail = detail,
            PrevHash = prevHash,
            Hash = "",
        };
        marker.Hash = _mac.Compute(marker);
        return marker;
    }

    /// <summary>
    /// PostgreSQL: the batch in one binary COPY inside the writer's transaction, in chain order (the identity is assigned
    /// row by row in input order, so id order stays chain order). As one EF batch, 500 entries were one INSERT text of
    /// ≈ 200 KB with 6,000 parameters: strings, char buffers and dictionaries over 85 KB on the large object heap at every
    /// busy batch, which only a full collection frees (ADR 0009; bench/README.md, eighth session).
    /// </summary>
    private static async Task CopyAsync(NpgsqlConnection conn, List<AuditEntry> entries)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY platform_audit_entry (at, user_id, user_name, role, action, subject_type, subject_id, elder_id, detail, " +
            "remote_ip, prev_hash, hash) FROM STDIN (FORMAT BINARY)");
        foreach (var e in entries)
        {
            await w.StartRowAsync();
            await w.WriteAsync(e.At, NpgsqlDbType.TimestampTz);
            await WriteOrNull(w, e.UserId);
            await w.WriteAsync(e.UserName, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.Role, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.Action, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.SubjectType, NpgsqlDbType.Varchar);
            await WriteOrNull(w, e.SubjectId);
            await WriteOrNull(w, e.ElderId);
            await WriteOrNull(w, e.Detail);
            await WriteOrNull(w, e.RemoteIp);
            await w.WriteAsync(e.PrevHash, NpgsqlDbType.Varchar);
            await w.WriteAsync(e.Hash, NpgsqlDbType.Varchar);
        }
        await w.CompleteAsync();
    }

    private static Task WriteOrNull(NpgsqlBinaryImporter w, long? v) =>
        v is { } x ? w.WriteAsync(x, NpgsqlDbType.Bigint) : w.WriteNullAsync();

    private static Task WriteOrNull(NpgsqlBinaryImporter w, string? v) =>
        v is not null ? w.WriteAsync(v, NpgsqlDbType.Varchar) : w.WriteNullAsync();

    public static DateTimeOffset Truncate(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>The unkeyed hash of entries written before the keyed chain began (<see cref="AuditMac.LegacyHash"/>).</summary>
    public static string ComputeHash(AuditEntry e) => AuditMac.LegacyHash(e);
}
