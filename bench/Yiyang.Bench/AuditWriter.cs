using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;

/// <summary>
/// <c>audit-writer</c>: the product's audit writer alone, fed queued (read) entries at a steady rate as audited reads would
/// feed it, on a migrated database. Prints the process CPU per entry and the number of chain transactions (batches), so
/// that the cost of an audited read can be told apart from the cost of the read.
/// </summary>
internal static class AuditWriter
{
    public static async Task<int> RunAsync(string[] args)
    {
        var conn = Arg(args, "--conn");
        var rate = int.Parse(Arg(args, "--rate", "2000"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Arg(args, "--seconds", "5"), CultureInfo.InvariantCulture);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Audit:CheckpointDirectory"] = Path.Combine(Path.GetTempPath(), $"yiyang-bench-checkpoints-{Guid.NewGuid():N}"),
            ["Audit:CheckpointMinutes"] = "60",
        }).Build();
        var s = new ServiceCollection();
        s.AddSingleton<IConfiguration>(config);
        s.AddSingleton<IHostEnvironment>(new Env());
        s.AddSingleton(TimeProvider.System);
        s.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        s.AddDbContextPool<YiyangDb>(o => DatabaseSetup.Configure(o, DatabaseProvider.Postgres, conn), 64);
        s.AddSingleton(new AuditMac(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        s.AddSingleton<AuditCheckpoints>();
        s.AddSingleton<AuditLog>();
        await using var sp = s.BuildServiceProvider();
        var log = sp.GetRequiredService<AuditLog>();
        await log.StartAsync(CancellationToken.None);
        long Commits()
        {
            using var scope = sp.CreateScope();
            return scope.ServiceProvider.GetRequiredService<YiyangDb>().Database
                .SqlQueryRaw<long>("SELECT count(DISTINCT xmin::text)::bigint AS \"Value\" FROM platform_audit_entry").AsEnumerable().First();
        }
        // warm-up (JIT, pool)
        for (var i = 0; i < 2000; i++) _ = log.Enqueue(Record(i), urgent: false);
        await log.FlushAsync();
        var batches0 = Commits();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        long sent = 0;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            // paced: the entries due by now, then a millisecond's sleep, like reads arriving from many connections
            var due = (long)(sw.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++) _ = log.Enqueue(Record(sent), urgent: false); // as an audited read queues it
            await Task.Delay(1);
        }
        await log.FlushAsync();
        var elapsed = sw.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
        var batches = Commits() - batches0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit-writer rate={rate} entries={sent} seconds={elapsed:F1} batches={batches} entries_per_batch={sent / (double)Math.Max(1, batches):F1} cpu_ms_per_entry={cpu / Math.Max(1, sent):F4}"));
        await log.StopAsync(CancellationToken.None);
        return 0;
    }

    private static AuditRecord Record(long i) =>
        new(7, "benchadmin", "platform-admin", "elder.view", "elder", (i % 20000).ToString(CultureInfo.InvariantCulture), i % 20000, null, "127.0.0.1");

    private static string Arg(string[] args, string name, string? fallback = null)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"missing {name}");
    }

    private sealed class Env : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "Yiyang";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
