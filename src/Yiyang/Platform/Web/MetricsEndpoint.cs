using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Yiyang.Platform.Web;

/// <summary>
/// Aggregates the platform's own meters (Yiyang.*) and ASP.NET Core's request metrics in process and serves them
/// in the Prometheus text format at /metrics: counters as totals, histograms as _count and _sum, gauges as their last
/// observation, per tag set, each labelled with the node's name (<c>Node:Name</c>). Readable from the machine itself (a
/// local scraper) or by a platform admin.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    private readonly string _nodeLabel;
    private static readonly string[] Meters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Diagnostics"];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string Tags), Series> _series = new();

    private sealed class Series
    {
        public double Sum;
        public long Count;
        public bool IsHistogram;
        public bool IsGauge;
    }

    public MetricsCollector(string? node = null)
    {
        _nodeLabel = string.IsNullOrWhiteSpace(node) ? "" : "node=\"" + node.Replace("\\", "_").Replace("\"", "'").Replace("\n", " ") + "\"";
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Yiyang", StringComparison.Ordinal) || Meters.Contains(instrument.Meter.Name))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var sb = new StringBuilder();
        foreach (var t in tags)
        {
            // only low-cardinality tags; never anything that could carry personal data
            if (t.Key is not ("http.route" or "http.request.method" or "http.response.status_code" or "outcome")) continue;
            if (sb.Length > 0) sb.Append(',');
            sb.Append(Sanitize(t.Key)).Append("=\"").Append(Convert.ToString(t.Value, CultureInfo.InvariantCulture)?.Replace("\"", "'")).Append('"');
        }
        var gauge = instrument is ObservableGauge<int> or ObservableGauge<long> or ObservableGauge<double>;
        var s = _series.GetOrAdd((Sanitize(instrument.Name), sb.ToString()),
            _ => new Series { IsHistogram = instrument is Histogram<double> or Histogram<long> or Histogram<int>, IsGauge = gauge });
        lock (s)
        {
            s.Sum = gauge ? value : s.Sum + value;
            s.Count++;
        }
    }

    private static string Sanitize(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    public string Render()
    {
        _listener.RecordObservableInstruments();
        var sb = new StringBuilder();
        // ToArray takes the snapshot atomically; LINQ straight over the dictionary reads its count and then copies, and
        // failed (a 500 from /metrics) when a request added a series in between
        foreach (var group in _series.ToArray().OrderBy(s => s.Key.Name).ThenBy(s => s.Key.Tags).GroupBy(s => s.Key.Name))
        {
            var histogram = group.First().Value.IsHistogram;
            var isGauge = group.First().Value.IsGauge;
            sb.Append("# TYPE ").Append(group.Key).Append(histogram ? " summary\n" : isGauge ? " gauge\n" : " counter\n");
            foreach (var ((name, tags), s) in group)
            {
                double sum;
                long count;
                lock (s) { sum = s.Sum; count = s.Count; }
                var all = _nodeLabel.Length == 0 ? tags : tags.Length == 0 ? _nodeLabel : _nodeLabel + "," + tags;
                var labels = all.Length == 0 ? "" : "{" + all + "}";
                if (histogram)
                {
                    sb.Append(name).Append("_count").Append(labels).Append(' ').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    sb.Append(name).Append("_sum").Append(labels).Append(' ').Append(sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                }
                else if (isGauge)
                {
                    sb.Append(name).Append(labels).Append(' ').Append(sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                }
                else
                {
                    sb.Append(name).Append("_total").Append(labels).Append(' ').Append(sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }
        return sb.ToString();
    }

    public void Dispose() => _listener.Dispose();
}

public static class MetricsEndpoint
{
    /// <summary>
    /// <c>/metrics</c> for Prometheus. With <c>Metrics:Token</c> set, a scraper sends <c>Authorization: Bearer &lt;token&gt;</c>
    /// (compared in constant time); without it, only direct connections from this machine may read (behind a proxy on the
    /// same host every request would look local: set the token there). The platform admin may always read.
    /// </summary>
    public static void MapMetrics(this IEndpointRouteBuilder app) =>
        app.MapGet("/metrics", (HttpContext http, MetricsCollector metrics, IConfiguration config) =>
        {
            var token = config["Metrics:Token"];
            bool allowed;
            if (!string.IsNullOrEmpty(token))
            {
                var header = http.Request.Headers.Authorization.ToString();
                var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
                allowed = System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(token));
            }
            else allowed = http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
            if (!allowed && !http.User.IsInRole(Security.Roles.PlatformAdmin))
                return Results.Problem(statusCode: 403, title: "没有权限", detail: "指标仅供持有采集令牌的采集器、本机采集或平台管理员查看。");
            return Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
}
