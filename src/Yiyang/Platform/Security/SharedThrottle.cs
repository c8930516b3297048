using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yiyang.Platform.Security;

/// <summary>One counted attempt of a shared throttle: which limit, whose (a keyed hash, never the name itself), when.</summary>
public sealed class ThrottleHit
{
    public long Id { get; set; }
    public string Bucket { get; set; } = "";
    public byte[] Subject { get; set; } = [];
    public DateTimeOffset At { get; set; }
}

internal sealed class ThrottleHitConfiguration : IEntityTypeConfiguration<ThrottleHit>
{
    public void Configure(EntityTypeBuilder<ThrottleHit> b)
    {
        b.ToTable("platform_throttle_hit", t => t.HasCheckConstraint("ck_platform_throttle_hit_subject", "length(subject) = 32"));
        b.Property(x => x.Bucket).HasMaxLength(32);
        b.HasIndex(x => new { x.Bucket, x.Subject, x.At });
        b.HasIndex(x => x.At);
    }
}

/// <summary>
/// A sliding-window limit counted in the database, so that every app node counts the same attempts (a user behind a load
/// balancer gets the limit once, not once per node). The window is counted and the attempt written in one transaction,
/// serialised per subject: in this process by a gate, across nodes by a transaction-scoped PostgreSQL advisory lock on the
/// subject's hash, so attempts racing on several nodes never pass the limit. A refused attempt is not written, so
/// retrying while refused does not push the wait further. Subjects are stored as a keyed hash. Old hits are swept by
/// <see cref="ThrottleSweep"/>.
/// </summary>
public sealed class SharedThrottle(YiyangDb db, PiiProtector pii, TimeProvider clock)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>
    /// Counts an attempt of <paramref name="subject"/> under <paramref name="bucket"/>; returns null when it may go ahead,
    /// or how long to wait when <paramref name="limit"/> attempts are already in the window (nothing is kept then).
    /// </summary>
    public async Task<TimeSpan?> TakeAsync(string bucket, string subject, int limit, TimeSpan window, CancellationToken ct)
    {
        if (limit <= 0) return null;
        var hash = pii.Hash("throttle:" + bucket, subject);
        await Gate.WaitAsync(ct);
        try
        {
            await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            var key = BitConverter.ToInt64(hash, 0);
            if (!db.IsSqlite) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
            var now = clock.GetUtcNow();
            var since = now - window;
            var inWindow = await db.Set<ThrottleHit>().AsNoTracking()
                .Where(h => h.Bucket == bucket && h.Subject == hash && h.At > since)
                .OrderBy(h => h.At).Select(h => h.At).Take(limit).ToListAsync(ct);
            if (inWindow.Count >= limit)
            {
                var wait = inWindow[0] + window - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
            }
            var hit = new ThrottleHit { Bucket = bucket, Subject = hash, At = now };
            db.Add(hit);
            await db.SaveChangesAsync(ct);
            db.Entry(hit).State = EntityState.Detached;
            if (tx is not null) await tx.CommitAsync(ct);
            return null;
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>Deletes throttle hits older than a day (no window is longer), on the leader node, every ten minutes.</summary>
public sealed class ThrottleSweep(YiyangDb db, TimeProvider clock) : Hosting.IPeriodicCheck
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(1);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - Keep;
        return await db.Set<ThrottleHit>().Where(h => h.At < before).ExecuteDeleteAsync(ct);
    }
}
