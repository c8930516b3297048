using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Demo;

/// <summary>
/// The audit's finding: a Production instance with the default settings (Demo:Seed is true in appsettings.json) seeded
/// the demo accounts with their public password, silently. Now it seeds only with Demo:AllowInProduction as well, and
/// then warns at every start. Each test starts the app on its own scratch database.
/// </summary>
public abstract class DemoInProductionTests
{
    protected DemoInProductionTests()
    {
        if (this is IPostgresTests && TestDatabase.PgServerConnection is null && TestDatabase.IsCi) TestDatabase.RequirePgServer();
    }

    protected abstract DatabaseProvider Provider { get; }

    private sealed class Host(TestDatabase db, string environment, bool? allowInProduction) : WebApplicationFactory<Program>
    {
        public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Database:Provider", db.ProviderSetting);
            builder.UseSetting("ConnectionStrings:Yiyang", db.ConnectionString);
            // Demo:Seed stays as appsettings.json has it (true): the default settings of the finding
            builder.UseSetting("Demo:Elders", "10");
            if (allowInProduction is { } allow) builder.UseSetting("Demo:AllowInProduction", allow ? "true" : "false");
            builder.UseSetting("Security:PiiEncryptionKey", AppFactory.PiiEncryptionKey);
            builder.UseSetting("Security:PiiHashKey", AppFactory.PiiHashKey);
            builder.UseSetting("Security:PiiKeyFile", "");
            builder.ConfigureLogging(l => l.AddProvider(new Capture(Logs)));
        }
    }

    private sealed class Capture(ConcurrentQueue<(LogLevel, string, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(logs, categoryName);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<(LogLevel, string, string)> logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) logs.Enqueue((logLevel, category, formatter(state, exception)));
            }
        }
    }

    private static async Task<(int Users, List<(LogLevel Level, string Category, string Message)> Logs)> StartAsync(
        TestDatabase db, string environment, bool? allowInProduction)
    {
        await using var host = new Host(db, environment, allowInProduction);
        _ = host.Server; // start: migrate and (perhaps) seed
        await using var ctx = db.CreateContext();
        return (await ctx.Users.CountAsync(), [.. host.Logs.Where(l => l.Category.EndsWith(nameof(DatabaseInitializer), StringComparison.Ordinal))]);
    }

    [DbFact]
    public async Task A_production_instance_with_the_default_settings_writes_no_demo_accounts_and_says_why()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (users, logs) = await StartAsync(db, "Production", allowInProduction: null);
        Assert.Equal(0, users);
        Assert.Contains(logs, l => l.Level == LogLevel.Warning && l.Message.Contains("Demo:Seed is ignored in the Production environment", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Level == LogLevel.Critical);
    }

    [DbFact]
    public async Task With_AllowInProduction_a_production_instance_seeds_and_warns_loudly_at_every_start()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (users, first) = await StartAsync(db, "Production", allowInProduction: true);
        Assert.True(users >= 13, $"{users} users");
        Assert.Contains(first, l => l.Level == LogLevel.Critical && l.Message.Contains("DEMO MODE IN PRODUCTION", StringComparison.Ordinal));

        // the next start seeds nothing more (the database holds data) and still warns
        var (again, second) = await StartAsync(db, "Production", allowInProduction: true);
        Assert.Equal(users, again);
        Assert.Contains(second, l => l.Level == LogLevel.Critical && l.Message.Contains("DEMO MODE IN PRODUCTION", StringComparison.Ordinal));
    }

    [DbFact]
    public async Task Development_keeps_seeding_without_the_flag_and_without_a_warning()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (users, logs) = await StartAsync(db, "Development", allowInProduction: null);
        Assert.True(users >= 13, $"{users} users");
        Assert.DoesNotContain(logs, l => l.Message.Contains("Demo", StringComparison.Ordinal));
    }
}

public sealed class DemoInProductionTestsSqlite : DemoInProductionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class DemoInProductionTestsPostgres : DemoInProductionTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
