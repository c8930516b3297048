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
/// balancer gets the limit once, not once per node). An attempt is written first and then the window is counted: of
/// attempts racing on several nodes none gets past the limit (at worst one more is refused); a refused attempt is taken
/// back, so retrying while refused does not push the wait further. Subjects are stored as a keyed hash. Old hits are
/// swept by <see cref="ThrottleSweep"/>.
/// </summary>
public sealed class SharedThrottle(YiyangDb db, PiiProtector pii, TimeProvider clock)
{
    /// <summary>
    /// Counts an attempt of <paramref name="subject"/> under <paramref name="bucket"/>; returns null when it may go ahead,
    /// or how long to wait when <paramref name="limit"/> attempts are already in the window (nothing is kept then).
    /// </summary>
    public async Task<TimeSpan?> TakeAsync(string bucket, string subject, int limit, TimeSpan window, CancellationToken ct)
    {
        if (limit <= 0) return null;
        var now = clock.GetUtcNow();
        var hit = new ThrottleHit { Bucket = bucket, Subject = pii.Hash("throttle:" + bucket, subject), At = now };
        db.Add(hit);
        await db.SaveChangesAsync(ct);
        db.Entry(hit).State = EntityState.Detached;
        var since = now - window;
        var inWindow = await db.Set<ThrottleHit>().AsNoTracking()
            .Where(h => h.Bucket == bucket && h.Subject == hit.Subject && h.At > since)
            .OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new { h.Id, h.At }).Take(limit + 1).ToListAsync(ct);
        if (inWindow.Take(limit).Any(h => h.Id == hit.Id)) return null;
        await db.Set<ThrottleHit>().Where(h => h.Id == hit.Id).ExecuteDeleteAsync(ct);
        var wait = inWindow[0].At + window - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
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
