using Yiyang.Modules.Supervision;
using Yiyang.Platform.Errors;

namespace Yiyang.Tests.Supervision;

/// <summary>The sample size, the reproducible draw and conflict avoidance (docs/domain/supervision.md).</summary>
public sealed class DrawAlgorithmTests
{
    private static readonly Dictionary<(long Inspector, long Organization), string> NoConflicts = [];

    [Theory]
    [InlineData(0, 300, 0)]       // an empty list: nothing to draw, no error
    [InlineData(1, 300, 1)]       // never 0 when the list is not empty
    [InlineData(33, 300, 1)]      // 0.99 → 1
    [InlineData(34, 300, 2)]      // 1.02 → 2
    [InlineData(100, 300, 3)]     // exactly 3
    [InlineData(101, 300, 4)]     // 3.03 → 4
    [InlineData(16, 2000, 4)]     // 20 %: 3.2 → 4
    [InlineData(7, 10000, 7)]     // 100 %
    [InlineData(10000, 1, 1)]     // 0.01 %: exactly 1
    [InlineData(10001, 1, 2)]
    [InlineData(2_000_000_000, 350, 70_000_000)] // no overflow
    public void The_sample_is_the_ceiling_of_count_times_ratio_in_integers(int count, int basisPoints, int expected) =>
        Assert.Equal(expected, DrawAlgorithm.SampleSize(count, basisPoints));

    [Fact]
    public void The_draw_matches_the_published_reference_vector()
    {
        // computed by scripts/reproduce-draw.py: the two implementations agree on the stream, the shuffle and the walk
        var conflicts = new Dictionary<(long, long), string> { [(1, 10)] = "亲属", [(2, 80)] = "曾任职", [(4, 90)] = "利害关系" };
        var outcome = DrawAlgorithm.Draw("golden", [100, 90, 80, 70, 60, 50, 40, 30, 20, 10], [5, 4, 3, 2, 1], conflicts, 4, 2);
        Assert.Equal("{\"entities\":[{\"organizationId\":10,\"inspectorIds\":[2,4]},{\"organizationId\":80,\"inspectorIds\":[5,1]},"
                     + "{\"organizationId\":90,\"inspectorIds\":[5,1]},{\"organizationId\":100,\"inspectorIds\":[1,4]}],"
                     + "\"withdrawals\":[{\"inspectorId\":1,\"organizationId\":10},{\"inspectorId\":2,\"organizationId\":80}]}", outcome.Canonical());
        Assert.Equal("de57641d98edcc062cfdc233d8f42bad26a8b9fb5929ac27d2d10745053ac57a", outcome.Sha256());
        Assert.Equal(["亲属", "曾任职"], outcome.Withdrawals.Select(w => w.Reason));
        Assert.Equal(5044988518534238280UL, new DrawAlgorithm.SeedStream("golden").Next());
    }

    [Fact]
    public void The_same_seed_gives_the_same_draw_whatever_the_order_of_the_lists()
    {
        long[] entities = [.. Enumerable.Range(1, 200).Select(i => (long)i * 3)];
        long[] inspectors = [.. Enumerable.Range(1, 12).Select(i => 1000L + i)];
        var a = DrawAlgorithm.Draw("2026-06-01:abc", entities, inspectors, NoConflicts, 6, 2);
        var b = DrawAlgorithm.Draw("2026-06-01:abc", entities.Reverse(), inspectors.Reverse(), NoConflicts, 6, 2);
        Assert.Equal(a.Canonical(), b.Canonical());
        Assert.Equal(6, a.Entities.Select(e => e.OrganizationId).Distinct().Count());
        var other = DrawAlgorithm.Draw("2026-06-01:abd", entities, inspectors, NoConflicts, 6, 2);
        Assert.NotEqual(a.Canonical(), other.Canonical());
    }

    [Fact]
    public void Conflicted_inspectors_are_never_assigned_over_many_seeds_and_their_withdrawals_are_kept()
    {
        long[] entities = [.. Enumerable.Range(1, 30).Select(i => (long)i)];
        long[] inspectors = [.. Enumerable.Range(101, 6).Select(i => (long)i)];
        var rng = new Random(19);
        var conflicts = new Dictionary<(long, long), string>();
        foreach (var e in entities)
            foreach (var i in inspectors.OrderBy(_ => rng.Next()).Take(rng.Next(0, 4))) // at most 3 of 6 conflicted: 3 always remain
                conflicts[(i, e)] = $"回避{i}-{e}";
        var withdrawals = 0;
        for (var s = 0; s < 500; s++)
        {
            var o = DrawAlgorithm.Draw($"seed-{s}", entities, inspectors, conflicts, 10, 3);
            Assert.Equal(10, o.Entities.Count);
            foreach (var e in o.Entities)
            {
                Assert.Equal(3, e.InspectorIds.Distinct().Count());
                Assert.All(e.InspectorIds, i => Assert.False(conflicts.ContainsKey((i, e.OrganizationId)), $"seed-{s}: {i} sent to {e.OrganizationId}"));
            }
            Assert.All(o.Withdrawals, w => Assert.Equal(conflicts[(w.InspectorId, w.OrganizationId)], w.Reason));
            Assert.Equal(o.Withdrawals.Count, o.Withdrawals.Distinct().Count());
            withdrawals += o.Withdrawals.Count;
        }
        Assert.True(withdrawals > 500, $"only {withdrawals} withdrawals: the conflicts were hardly met");
    }

    [Fact]
    public void Too_few_inspectors_without_a_conflict_stops_the_draw()
    {
        var conflicts = new Dictionary<(long, long), string> { [(1, 7)] = "亲属", [(2, 7)] = "亲属" };
        var e = Assert.Throws<BusinessRuleException>(() => DrawAlgorithm.Draw("x", [7], [1, 2, 3], conflicts, 1, 2));
        Assert.Equal("too-few-inspectors", e.Code);
        Assert.Contains("只有 1 人", e.Message);
    }

    [Fact]
    public void Every_entity_is_equally_likely_to_be_drawn()
    {
        var counts = new int[5];
        for (var s = 0; s < 5000; s++)
            counts[DrawAlgorithm.Draw($"u{s}", [0, 1, 2, 3, 4], [10, 11], NoConflicts, 1, 2).Entities[0].OrganizationId]++;
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }
}
