using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

/// <summary>
/// Memory stays bounded on any input (the app as a child process on Kestrel, where the limits live): anonymous bodies over
/// 64 KB and API bodies over 1 MB are refused with 413 while being read; sixteen 28 MB anonymous token requests at once
/// leave the process under 400 MB.
/// </summary>
public sealed class BodyLimitTests
{
    [Fact]
    public async Task Oversized_bodies_are_refused_while_read_and_memory_stays_bounded()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var app = await AppProcess.StartAsync(database);
        using var anonymous = app.Client(null);

        // just over the anonymous limit: 413; a normal login still works
        using (var r = await anonymous.PostAsync("/api/auth/token", Json(new string('a', 70 * 1024))))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        var doctor = app.Client(await app.TokenAsync("doctor"));
        using (var r = await doctor.PostAsync("/api/elders", Json(new string('b', 1100 * 1024))))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        using (var r = await doctor.PostAsync("/api/elders", Json(new string('c', 200 * 1024))))
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode); // under the limit: read, and refused as bad input

        // the attack of the audit: sixteen 28 MB anonymous token requests at once
        var body = Encoding.UTF8.GetBytes("{\"userName\":\"" + new string('x', 28 * 1024 * 1024) + "\",\"password\":\"p\"}");
        var attacks = Enumerable.Range(0, 16).Select(async _ =>
        {
            using var c = app.Client(null);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            try
            {
                using var r = await c.PostAsync("/api/auth/token", content);
                return (int)r.StatusCode;
            }
            catch (HttpRequestException)
            {
                return 413; // Kestrel may close the connection while the client is still sending
            }
        }).ToList();
        var statuses = await Task.WhenAll(attacks);
        Assert.All(statuses, s => Assert.Equal(413, s));
        var rssMb = ResidentMegabytes(app.Pid);
        Assert.True(rssMb < 400, $"the app holds {rssMb} MB after the attack");
    }

    /// <summary>
    /// The import's attack of the audit: a 24 MB CSV of 2 million tiny rows (it added 516 MB to the process, four at once
    /// 2.5 GB). Streamed to a private file and read in chunks twice, four at once keep the process under 400 MB at its
    /// peak, each counts its 2 million rows and reports the first 1,000 errors with the totals.
    /// </summary>
    [Fact]
    public async Task Four_imports_of_two_million_tiny_rows_at_once_stream_and_memory_stays_bounded()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        using var app = await AppProcess.StartAsync(database);
        var city = app.Client(await app.TokenAsync("city"));
        city.Timeout = TimeSpan.FromMinutes(3); // what is measured is memory; four 24 MB imports at once take long on a busy CI machine
        var csv = new MemoryStream();
        var header = Encoding.UTF8.GetBytes("姓名,身份证号,乡镇代码\n");
        csv.Write(header);
        var row = Encoding.UTF8.GetBytes("abcdefghijk\n"); // one column where the header has three: a row error
        for (var i = 0; i < 2_000_000; i++) csv.Write(row);
        var body = csv.ToArray();
        Assert.True(body.Length > 24_000_000);

        var imports = Enumerable.Range(0, 4).Select(async _ =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            using var r = await city.PostAsync("/api/imports/elders", content);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return System.Text.Json.Nodes.JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        }).ToList();
        foreach (var result in await Task.WhenAll(imports))
        {
            Assert.Equal(2_000_000, (int)result["rows"]!);
            Assert.Equal(2_000_000, (int)result["invalid"]!);
            Assert.Equal(1000, result["errors"]!.AsArray().Count);
            Assert.True((bool)result["errorsTruncated"]!);
        }
        var peakMb = PeakResidentMegabytes(app.Pid);
        Assert.True(peakMb < 400, $"the app peaked at {peakMb} MB during four imports");
    }

    private static long PeakResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    private static StringContent Json(string filler) =>
        new("{\"userName\":\"" + filler + "\",\"name\":\"" + filler + "\"}", Encoding.UTF8, "application/json");

    private static long ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}
