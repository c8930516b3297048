using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Yiyang.BrowserTests;

/// <summary>The app on real Kestrel (free port), on a fresh SQLite file seeded with the 王益区 demo data (100 elders).</summary>
public sealed class YiyangServer(string databasePath) : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Yiyang@2026!";
    /// <summary>Fixed test keys (base64 of 32 bytes each).</summary>
    public static readonly string PiiEncryptionKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string PiiHashKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("ConnectionStrings:Yiyang", $"Data Source={databasePath}");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Elders", "100");
        // lists count up to 60 matches here (100 demo elders): the "more than" wording and pager are exercised
        builder.UseSetting("Lists:MaxCountedResults", "60");
        builder.UseSetting("Security:PiiEncryptionKey", PiiEncryptionKey);
        builder.UseSetting("Security:PiiHashKey", PiiHashKey);
        builder.UseSetting("Security:PiiKeyFile", "");
        builder.UseSetting("Accounts:RequireTotp", "false"); // TotpTests turn it on for their own user
        builder.UseSetting("Security:AuditMacKey", Convert.ToBase64String(Enumerable.Range(201, 32).Select(i => (byte)i).ToArray()));
        builder.UseSetting("Audit:CheckpointDirectory", $"{databasePath}.checkpoints"); // with the database: a fresh run, fresh checkpoints
        builder.UseSetting("Emergency:StreamSeconds", "8"); // the console's stream ends and resumes several times in a test
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
    }
}

/// <summary>One server and one headless Chromium for the whole test assembly; a new browser context per test.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"yiyang-browser-{Guid.NewGuid():N}.db");
    private YiyangServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";
    /// <summary>The app's services (settings a test changes for a while, and puts back).</summary>
    public IServiceProvider Services => _server?.Services ?? throw new InvalidOperationException("fixture not initialized");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("fixture not initialized");
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");
    public static string AxeSource { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDir);
        _server = new YiyangServer(_dbPath);
        _server.UseKestrel(0);
        _server.StartServer(); // migrates and seeds before it returns
        BaseUrl = _server.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _dbPath, _dbPath + "-wal", _dbPath + "-shm" })
        {
            try { File.Delete(f); } catch (IOException) { }
        }
    }

    /// <summary>A fresh context (own cookies, zh-CN) and page. With <paramref name="axe"/>, axe-core is injected into
    /// every document as an init script (that path is not subject to the app's CSP, which is left enforced).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool axe = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            Locale = "zh-CN",
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        if (axe) await context.AddInitScriptAsync(AxeSource);
        return await context.NewPageAsync();
    }

    public static async Task LoginAsync(IPage page, string userName, string password = YiyangServer.DemoPassword)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("#UserName").FillAsync(userName);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("#login-submit").ClickAsync();
        // signing in hashes the password on purpose slowly: on a loaded 2-core runner the page after it may take longer
        // the address is polled rather than waited for with WaitForURLAsync: that waits for the load event too, which
        // intermittently never arrives for a POST-redirect-GET (playwright-dotnet #2897) and failed a CI run
        await Assertions.Expect(page).Not.ToHaveURLAsync(
            new System.Text.RegularExpressions.Regex("/Account/Login", System.Text.RegularExpressions.RegexOptions.IgnoreCase),
            new() { Timeout = 45_000 });
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>Valid 居民身份证号码 per GB 11643-1999 for test data.</summary>
public static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    public static char CheckCharacter(string first17) =>
        "10X98765432"[first17.Select((c, i) => (c - '0') * Weights[i]).Sum() % 11];

    /// <summary>An ID of 王益区 with a random birth date (1936–1955) and sequence, so each run registers a new elder.</summary>
    public static string NewValid()
    {
        var birth = new DateOnly(1936, 1, 1).AddDays(Random.Shared.Next(0, 20 * 365));
        var body = "610202" + birth.ToString("yyyyMMdd") + Random.Shared.Next(100, 999).ToString("000");
        return body + CheckCharacter(body);
    }

    /// <summary>The same ID with a different (wrong) check character.</summary>
    public static string WithWrongCheck(string valid)
    {
        var wrong = "0123456789X".First(c => c != valid[17]);
        return valid[..17] + wrong;
    }
}

/// <summary>axe-core runs, reduced to what an assertion message needs.</summary>
public static class Axe
{
    public sealed record Violation(string Id, string? Impact, string Help, int Nodes, string FirstTarget, string FirstHtml)
    {
        public override string ToString() => $"{Id} [{Impact}] {Nodes}× first: {FirstTarget} {FirstHtml} — {Help}";
    }

    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
              return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                target: v.nodes.length ? JSON.stringify(v.nodes[0].target) : '',
                html: v.nodes.length ? v.nodes[0].html.slice(0, 160) : ''
              }));
            }
            """);
        return json.EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").ValueKind == JsonValueKind.String ? v.GetProperty("impact").GetString() : null,
            v.GetProperty("help").GetString()!,
            v.GetProperty("nodes").GetInt32(),
            v.GetProperty("target").GetString()!,
            v.GetProperty("html").GetString()!)).ToList();
    }
}
