using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Yiyang.Modules.Supervision;

public sealed record DrawnEntity(long OrganizationId, IReadOnlyList<long> InspectorIds);

public sealed record DrawWithdrawal(long InspectorId, long OrganizationId, string Reason);

public sealed record DrawOutcome(IReadOnlyList<DrawnEntity> Entities, IReadOnlyList<DrawWithdrawal> Withdrawals)
{
    /// <summary>The canonical text of the result (ids only, no whitespace): what <c>scripts/reproduce-draw.py</c> prints.</summary>
    public string Canonical()
    {
        var sb = new StringBuilder("{\"entities\":[");
        sb.AppendJoin(',', Entities.Select(e => $"{{\"organizationId\":{e.OrganizationId},\"inspectorIds\":[{string.Join(',', e.InspectorIds)}]}}"));
        sb.Append("],\"withdrawals\":[");
        sb.AppendJoin(',', Withdrawals.Select(w => $"{{\"inspectorId\":{w.InspectorId},\"organizationId\":{w.OrganizationId}}}"));
        return sb.Append("]}").ToString();
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 <see cref="Canonical"/> text.</summary>
    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical())));
}

/// <summary>
/// The published, reproducible draw (docs/domain/supervision.md#the-draw-algorithm), version <see cref="Name"/>:
/// a SHA-256 counter-mode number stream from the seed, a partial Fisher–Yates shuffle of the entity list sorted by id
/// for the sample, then per drawn entity a fresh partial shuffle of the inspector list sorted by id, walked until enough
/// inspectors without a conflict are found (a conflicted one drawn on the way withdraws, with the reason).
/// </summary>
public static class DrawAlgorithm
{
    public const string Name = "sha256-ctr-fisher-yates-v1";

    /// <summary>The sample size: ceil(n × basis points / 10000) in integers; ≥ 1 when n ≥ 1, 0 when n = 0.</summary>
    public static int SampleSize(int entityCount, int ratioBasisPoints) =>
        (int)(((long)entityCount * ratioBasisPoints + 9999) / 10000);

    /// <summary>The draw. Lists need not be sorted (they are sorted by id here); conflicts map (inspector, organization) → reason.</summary>
    /// <exception cref="BusinessRuleException">Too few inspectors without a conflict for a drawn entity.</exception>
    public static DrawOutcome Draw(string seed, IEnumerable<long> entities, IEnumerable<long> inspectors,
        IReadOnlyDictionary<(long Inspector, long Organization), string> conflicts, int sampleSize, int inspectorsPerEntity)
    {
        var stream = new SeedStream(seed);
        var e = entities.Order().ToArray();
        var sorted = inspectors.Order().ToArray();
        if (sampleSize < 0 || sampleSize > e.Length) throw new ArgumentOutOfRangeException(nameof(sampleSize));
        for (var i = 0; i < sampleSize; i++)
        {
            var j = i + stream.Uniform(e.Length - i);
            (e[i], e[j]) = (e[j], e[i]);
        }
        var drawn = new List<DrawnEntity>();
        var withdrawals = new List<DrawWithdrawal>();
        foreach (var org in e.Take(sampleSize))
        {
            var a = (long[])sorted.Clone();
            var assigned = new List<long>();
            for (var i = 0; assigned.Count < inspectorsPerEntity; i++)
            {
                if (i == a.Length) throw TooFew(org, sorted.Count(x => !conflicts.ContainsKey((x, org))), inspectorsPerEntity);
                var j = i + stream.Uniform(a.Length - i);
                (a[i], a[j]) = (a[j], a[i]);
                if (conflicts.TryGetValue((a[i], org), out var reason)) withdrawals.Add(new DrawWithdrawal(a[i], org, reason));
                else assigned.Add(a[i]);
            }
            drawn.Add(new DrawnEntity(org, assigned));
        }
        return new DrawOutcome(drawn, withdrawals);
    }

    private static BusinessRuleException TooFew(long org, int available, int needed) => new("too-few-inspectors",
        $"机构（编号 {org}）可派的监督员只有 {available} 人（其余须回避），少于每家 {needed} 人，无法抽取。请先增加监督员或调整计划。");

    /// <summary>
    /// r_k = the first 8 bytes, big-endian, of SHA-256(UTF-8(seed) ‖ k as 8 bytes big-endian), k = 0, 1, 2…;
    /// uniform(n): draw r until r ≥ 2^64 mod n, answer r mod n (no modulo bias).
    /// </summary>
    public sealed class SeedStream(string seed)
    {
        private readonly byte[] _seed = Encoding.UTF8.GetBytes(seed);
        private ulong _counter;

        public ulong Next()
        {
            var input = new byte[_seed.Length + 8];
            _seed.CopyTo(input, 0);
            BinaryPrimitives.WriteUInt64BigEndian(input.AsSpan(_seed.Length), _counter++);
            return BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(input).AsSpan(0, 8));
        }

        public int Uniform(int n)
        {
            if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
            var un = (ulong)n;
            var threshold = (0UL - un) % un; // 2^64 mod n
            while (true)
            {
                var r = Next();
                if (r >= threshold) return (int)(r % un);
            }
        }
    }
}
