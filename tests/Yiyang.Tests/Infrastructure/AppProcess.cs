using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Yiyang.Tests.Infrastructure;

/// <summary>The built app (src/Yiyang/bin/…/Yiyang.dll) as a child process on a database and a free port.</summary>
public sealed class AppProcess : IDisposable
{
    /// <summary>The demo accounts' password.</summary>
    public const string DemoPassword = "Yiyang@2026!";

    private readonly Process _process;
    private readonly Uri _base;

    public Uri BaseAddress => _base;

    /// <summary>The process id (for its memory in /proc).</summary>
    public int Pid => _process.Id;

    private AppProcess(Process process, Uri @base)
    {
        _process = process;
        _base = @base;
    }

    public static async Task<AppProcess> StartAsync(TestDatabase db, string? connectionString = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var testBin = AppContext.BaseDirectory; // tests/Yiyang.Tests/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(testBin).Parent!.Name;
        var root = new DirectoryInfo(testBin);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Yiyang.slnx"))) root = root.Parent;
        var dll = Path.Combine(root!.FullName, "src", "Yiyang", "bin", configuration, "net10.0", "Yiyang.dll");
        Assert.True(File.Exists(dll), $"the app is not built: {dll}");
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Database__Provider"] = db.ProviderSetting;
        info.Environment["ConnectionStrings__Yiyang"] = connectionString ?? db.ConnectionString;
        info.Environment["Demo__Seed"] = "true";
        info.Environment["Demo__Elders"] = "20";
        info.Environment["Elders__ExactSearchLimit"] = "0";
        // the audit key and checkpoints of this database (every app process of a test shares them)
        info.Environment["Security__AuditMacKey"] = Convert.ToBase64String(AppFactory.AuditMacKey);
        info.Environment["Audit__CheckpointDirectory"] = Path.Combine(Path.GetTempPath(), $"yiyang-checkpoints-{db.Name}");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is { } l) log.Enqueue(l); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = app._base, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until)
        {
            Assert.False(process.HasExited, $"the app exited with code {(process.HasExited ? process.ExitCode : 0)}: {string.Join("\n", log.TakeLast(30))}");
            try
            {
                using var r = await http.GetAsync("/health");
                if (r.IsSuccessStatusCode) return app;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(250);
        }
        app.Dispose();
        throw new TimeoutException("the app did not become healthy within 120 s");
    }

    public async Task<string> TokenAsync(string user)
    {
        using var http = Client(null);
        using var r = await http.PostAsJsonAsync("/api/auth/token", new { userName = user, password = DemoPassword });
        r.EnsureSuccessStatusCode();
        return (string)(await r.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!;
    }

    public HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = _base, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>SIGKILL: no shutdown, no flush.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
