using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Yiyang.Platform.Audit;

/// <summary>
/// A signed statement of how far the audit chain reached: entry count, last id and last MAC at a time, signed with the
/// audit key. Kept outside the database, it shows a truncated tail or a rewritten chain even to someone who can change
/// every row.
/// </summary>
public sealed record AuditCheckpoint(DateTimeOffset At, long Count, long LastId, string LastHash, string Key, string Mac)
{
    public string SignedText() =>
        string.Create(CultureInfo.InvariantCulture, $"{At.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}|{Count}|{LastId}|{LastHash}|{Key}");
}

/// <summary>One line of a checkpoint file: its checkpoint when the line parses and its signature holds.</summary>
public sealed record AuditCheckpointLine(string File, int Line, AuditCheckpoint? Checkpoint)
{
    public bool Valid => Checkpoint is not null;
}

/// <summary>
/// Writes and reads the checkpoint files: <c>Audit:CheckpointDirectory</c> (default <c>App_Data/audit-checkpoints</c>), one
/// file per China date (<c>checkpoints-yyyy-MM-dd.jsonl</c>), one JSON line appended per checkpoint; the directory is
/// created 0700 and the files 0600. The chain writer (<see cref="AuditLog"/>) takes one every <c>Audit:CheckpointMinutes</c>
/// (default 5) when the chain has grown, and one when it stops.
/// </summary>
public sealed class AuditCheckpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly AuditMac _mac;
    private readonly TimeProvider _clock;
    private readonly ILogger<AuditCheckpoints> _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Count, long LastId)? _last;

    public AuditCheckpoints(AuditMac mac, IConfiguration config, IHostEnvironment env, TimeProvider clock, ILogger<AuditCheckpoints> log)
    {
        _mac = mac;
        _clock = clock;
        _log = log;
        var dir = config["Audit:CheckpointDirectory"];
        if (string.IsNullOrWhiteSpace(dir)) dir = Path.Combine("App_Data", "audit-checkpoints");
        Directory = Path.IsPathRooted(dir) ? dir : Path.Combine(env.ContentRootPath, dir);
        var minutes = config.GetValue<double?>("Audit:CheckpointMinutes") ?? 5;
        Interval = TimeSpan.FromMinutes(minutes > 0 ? minutes : 5);
    }

    public string Directory { get; }

    public TimeSpan Interval { get; }

    /// <summary>
    /// Appends a checkpoint of the chain as committed now, unless it has not grown since the last one. The count is the last
    /// checkpoint's plus the entries after it (counted once in full when there is no earlier checkpoint).
    /// </summary>
    public async Task<AuditCheckpoint?> WriteAsync(YiyangDb db, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var tail = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(ct);
            if (tail is null) return null;
            _last ??= Read().Where(l => l.Valid).Select(l => l.Checkpoint!).MaxBy(c => c.LastId) is { } found ? (found.Count, found.LastId) : null;
            long count;
            if (_last is { } same && same.LastId == tail.Id) return null;
            if (_last is { } prev && prev.LastId < tail.Id)
                count = prev.Count + await db.AuditEntries.LongCountAsync(e => e.Id > prev.LastId && e.Id <= tail.Id, ct);
            else
            {
                if (_last is not null)
                    _log.LogError("The audit chain ends at {LastId}, before the last checkpoint's entry {CheckpointId}", tail.Id, _last.Value.LastId);
                count = await db.AuditEntries.LongCountAsync(e => e.Id <= tail.Id, ct);
            }
            var unsigned = new AuditCheckpoint(AuditLog.Truncate(_clock.GetUtcNow()), count, tail.Id, tail.Hash, _mac.KeyId, "");
            var checkpoint = unsigned with { Mac = _mac.Sign(unsigned.SignedText()) };
            Append(checkpoint);
            _last = (count, tail.Id);
            return checkpoint;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every line of every checkpoint file, oldest file first; a line that does not parse or whose signature fails is invalid.</summary>
    public IReadOnlyList<AuditCheckpointLine> Read()
    {
        var lines = new List<AuditCheckpointLine>();
        if (!System.IO.Directory.Exists(Directory)) return lines;
        foreach (var file in System.IO.Directory.GetFiles(Directory, "checkpoints-*.jsonl").Order(StringComparer.Ordinal))
        {
            var n = 0;
            foreach (var text in File.ReadLines(file))
            {
                n++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                lines.Add(new AuditCheckpointLine(Path.GetFileName(file), n, Parse(text)));
            }
        }
        return lines;
    }

    private AuditCheckpoint? Parse(string text)
    {
        try
        {
            var c = JsonSerializer.Deserialize<AuditCheckpoint>(text, Json);
            // signed with the current key, or with a previous one before a rotation
            return c is not null && _mac.ForKeyId(c.Key) is { } key && c.Mac == key.Sign(c.SignedText()) ? c : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    private void Append(AuditCheckpoint c)
    {
        PrivateFiles.EnsureDirectory(Directory); // 0700
        var path = Path.Combine(Directory, $"checkpoints-{c.At.ChinaDate():yyyy-MM-dd}.jsonl");
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = PrivateFiles.FileMode;
        using var f = new FileStream(path, options);
        f.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(c, Json) + "\n"));
        f.Flush(flushToDisk: true);
    }
}
