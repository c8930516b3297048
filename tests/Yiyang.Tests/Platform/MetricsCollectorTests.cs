using System.Diagnostics.Metrics;
using Yiyang.Platform.Web;

namespace Yiyang.Tests.Platform;

public sealed class MetricsCollectorTests
{
    [Fact]
    public async Task Rendering_while_new_series_appear_does_not_fail()
    {
        // a scrape runs while requests of new routes or status codes add series: the snapshot must be taken atomically
        // (LINQ over the live dictionary reads its count, then copies, and fails when a series arrives in between)
        using var collector = new MetricsCollector();
        using var meter = new Meter("Yiyang.Tests.MetricsCollector");
        var counter = meter.CreateCounter<long>("rows");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var writer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                counter.Add(1, new KeyValuePair<string, object?>("outcome", "o" + i));
        });
        while (!stop.IsCancellationRequested) collector.Render();
        await writer;
        var text = collector.Render();
        Assert.Contains("# TYPE rows counter", text);
        Assert.Contains("rows_total{outcome=\"o0\"} 1\n", text);
    }
}
