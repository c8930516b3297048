namespace Yiyang.Platform.Audit;

/// <summary>
/// The result of a verification. <paramref name="Problem"/> says in Chinese what is wrong and where; <paramref name="Note"/>
/// what could not be checked. <paramref name="Checkpoints"/> is the number of checkpoints the chain was compared with.
/// </summary>
public sealed record AuditVerification(bool Intact, long Checked, long? FirstBrokenId, string? Problem = null, long? LastId = null,
    long? KeyedFromId = null, int Checkpoints = 0, AuditCheckpoint? LatestCheckpoint = null, string? Note = null);

/// <summary>
/// Walks the chain in id order: each entry must link to its predecessor's hash and match its own — the unkeyed SHA-256
/// before the keyed marker (<see cref="AuditMac.KeyedAction"/>), the MAC from it on — and every checkpoint must be met:
/// its entry present with the MAC it recorded and, when the whole chain is walked, the count it recorded; a checkpoint
/// beyond the chain's end is a truncated tail.
/// </summary>
public sealed class AuditVerifier(AuditMac mac, AuditCheckpoints checkpoints)
{
    private const int PageSize = 5000;

    public async Task<AuditVerification> VerifyAsync(YiyangDb db, CancellationToken ct, int? latest = null)
    {
        var lines = checkpoints.Read();
        var pending = new Queue<AuditCheckpoint>(lines.Where(l => l.Valid).Select(l => l.Checkpoint!).OrderBy(c => c.LastId).ThenBy(c => c.At));
        var latestCheckpoint = pending.MaxBy(c => (c.LastId, c.At)); // the one covering the most (two nodes or a shutdown may append out of order)
        var walk = new Walk();
        var windowed = false;
        if (latest is > 0)
        {
            // only the newest entries, anchored on the stored predecessor of the first one in the window
            var start = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Skip(latest.Value - 1)
                .Select(e => new { e.Id, e.PrevHash }).FirstOrDefaultAsync(ct);
            if (start is not null)
            {
                windowed = true;
                walk.Prev = start.PrevHash;
                walk.PrevId = start.Id - 1;
                while (pending.TryPeek(out var c) && c.LastId < start.Id) pending.Dequeue();
                // the key in force at the window's start: the one of the last chain marker before it
                var marker = await db.AuditEntries.AsNoTracking()
                    .Where(e => e.SubjectType == "audit" && e.SubjectId == "chain" && (e.Action == AuditMac.KeyedAction || e.Action == AuditMac.RekeyedAction)
                                && e.Id < start.Id)
                    .OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);
                if (marker is not null)
                {
                    if (mac.MarkerKey(marker) is not { } key)
                        return Result(walk, marker.Id, $"第 {marker.Id} 号记录（密钥链起点或换钥）的校验码不符：被伪造或改动，或缺少换钥前的密钥。", latestCheckpoint);
                    walk.Key = key;
                    walk.KeyedFrom = marker.Id;
                }
            }
        }
        while (true)
        {
            var lastId = walk.PrevId;
            var page = await db.AuditEntries.AsNoTracking().Where(e => e.Id > lastId).OrderBy(e => e.Id).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var e in page)
            {
                if (Check(walk, e) is { } broken) return Result(walk, e.Id, broken, latestCheckpoint);
                // checkpoints whose entry is missing (deleted from where it stood), then the one on this entry
                if (pending.TryPeek(out var gone) && gone.LastId < e.Id)
                    return Result(walk, e.Id, $"第 {gone.LastId} 号记录不存在，但检查点（{Time(gone)}）记载了它：记录被删除。", latestCheckpoint);
                while (pending.TryPeek(out var c) && c.LastId == e.Id)
                {
                    pending.Dequeue();
                    walk.Checkpoints++;
                    if (c.LastHash != e.Hash)
                        return Result(walk, e.Id, $"第 {e.Id} 号记录的校验码与检查点（{Time(c)}）记载的不符：该记录或它之前的链被重写。", latestCheckpoint);
                    if (!windowed && c.Count != walk.Count)
                        return Result(walk, e.Id, $"截至第 {e.Id} 号应有 {c.Count} 条记录（检查点 {Time(c)}），实有 {walk.Count} 条：记录被删除或插入。", latestCheckpoint);
                }
                walk.Prev = e.Hash;
                walk.PrevId = e.Id;
            }
        }
        if (pending.Count > 0)
        {
            var last = pending.MaxBy(c => c.LastId)!;
            return Result(walk, walk.PrevId + 1,
                $"审计记录被截断：最后一条是第 {walk.PrevId} 号，而检查点（{Time(last)}）记载到第 {last.LastId} 号（共 {last.Count} 条）。", latestCheckpoint);
        }
        if (lines.FirstOrDefault(l => !l.Valid) is { } bad)
            return Result(walk, null, $"检查点文件 {bad.File} 第 {bad.Line} 行的签名不符：检查点被改动，或不是用本系统的审计密钥写的。", latestCheckpoint);
        string? note = null;
        if (latestCheckpoint is null) note = "未找到检查点：截断末尾的记录无法发现。请检查检查点目录的配置。";
        else if (walk.KeyedFrom is null && !windowed && walk.Count > 0) note = "审计链尚未使用密钥（升级后还没有写入新记录）。";
        return new AuditVerification(true, walk.Count, null, null, walk.PrevId == 0 ? null : walk.PrevId, walk.KeyedFrom, walk.Checkpoints,
            latestCheckpoint, note);
    }

    /// <summary>Null when the entry links to its predecessor and matches its hash or MAC; else what is wrong, in Chinese.</summary>
    private string? Check(Walk w, AuditEntry e)
    {
        if (e.PrevHash != w.Prev)
            return e.Id > w.PrevId + 1 && w.PrevId > 0
                ? $"第 {e.Id} 号记录与前一条（第 {w.PrevId} 号）不相连：其间的第 {w.PrevId + 1}–{e.Id - 1} 号记录被删除，或链被改动。"
                : $"第 {e.Id} 号记录与前一条（第 {w.PrevId} 号）不相连：记录被删除、插入或改动。";
        if (w.Key is { } key)
        {
            // a rotation: the marker carries the new key's MAC and links to the old key's last entry
            if (e.Action == AuditMac.RekeyedAction && mac.MarkerKey(e) is { } next) w.Key = next;
            else if (key.Compute(e) != e.Hash) return $"第 {e.Id} 号记录的校验码不符：记录被改动（如改了操作人），或自此被重新链接。";
        }
        else if (e.Action == AuditMac.KeyedAction && mac.MarkerKey(e) is { } first)
        {
            w.Key = first;
            w.KeyedFrom = e.Id;
        }
        else if (AuditMac.LegacyHash(e) != e.Hash) return $"第 {e.Id} 号记录的哈希不符：记录被改动。";
        w.Count++;
        return null;
    }

    private static AuditVerification Result(Walk w, long? brokenId, string problem, AuditCheckpoint? latest) =>
        new(false, w.Count, brokenId, problem, w.PrevId == 0 ? null : w.PrevId, w.KeyedFrom, w.Checkpoints, latest);

    private static string Time(AuditCheckpoint c) => c.At.ChinaText("yyyy-MM-dd HH:mm:ss");

    private sealed class Walk
    {
        public string Prev = AuditLog.Genesis;
        public long PrevId;
        public long Count;
        /// <summary>The key the entries are checked with from here on; null before the keyed chain began.</summary>
        public AuditMac? Key;
        public long? KeyedFrom;
        public int Checkpoints;
    }
}
