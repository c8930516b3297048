namespace Yiyang.Modules.Emergency;

/// <summary>
/// Where one console stands in the event sequence. Ids are given out when a row is inserted, not when its transaction
/// commits, so a later id can be read before an earlier one is visible: an id skipped over is a hole, asked for again in
/// each round until it appears or <see cref="HoleLife"/> has passed (an id whose transaction rolled back never appears).
/// </summary>
public sealed class EventCursor(long after)
{
    public static readonly TimeSpan HoleLife = TimeSpan.FromSeconds(30);

    /// <summary>More holes than this (a sequence jump, thousands of rolled-back ids) are not chased.</summary>
    public const int MaxHoles = 1000;

    private readonly Dictionary<long, DateTimeOffset> holes = [];

    /// <summary>The highest id read so far.</summary>
    public long Last { get; private set; } = Math.Max(0, after);

    public IReadOnlyCollection<long> Holes => holes.Keys;

    /// <summary>Takes the ids read in a round (those after <see cref="Last"/> and any holes found).</summary>
    public void Advance(IEnumerable<long> read, DateTimeOffset now)
    {
        var ids = read.ToHashSet();
        foreach (var id in ids) holes.Remove(id);
        var max = ids.Count == 0 ? Last : Math.Max(Last, ids.Max());
        for (var id = Last + 1; id < max && holes.Count < MaxHoles; id++)
        {
            if (!ids.Contains(id)) holes.TryAdd(id, now);
        }
        Last = max;
        foreach (var (id, since) in holes.Where(h => now - h.Value > HoleLife).ToList()) holes.Remove(id);
    }
}
