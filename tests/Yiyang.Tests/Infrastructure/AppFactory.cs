using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Yiyang.Platform.Data;

namespace Yiyang.Tests.Infrastructure;

/// <summary>
/// The app on a fresh database of one provider, migrated and seeded with the 王益区 demo data (200 elders), so that
/// the demo users exist. One per provider, shared by all test classes through a collection fixture.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Yiyang@2026!";
    /// <summary>Fixed test keys (base64 of 32 bytes each).</summary>
    public static readonly string PiiEncryptionKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string PiiHashKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
    public static readonly byte[] AuditMacKey = Enumerable.Range(201, 32).Select(i => (byte)i).ToArray();

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _tokens = new();

    public AppFactory(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }
    /// <summary>The app's clock (system time unless a test moves it).</summary>
    public TestClock Clock { get; } = new();
    public DatabaseProvider Provider => Database.Provider;
    /// <summary>This app's audit checkpoints (a fresh directory per app, as its database is fresh).</summary>
    public string AuditCheckpointDirectory { get; } = Path.Combine(Path.GetTempPath(), $"yiyang-test-checkpoints-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.ProviderSetting);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("ConnectionStrings:Yiyang", Database.ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Elders", "200");
        builder.UseSetting("Security:PiiEncryptionKey", PiiEncryptionKey);
        builder.UseSetting("Security:PiiHashKey", PiiHashKey);
        builder.UseSetting("Security:PiiKeyFile", "");
        builder.UseSetting("Security:AuditMacKey", Convert.ToBase64String(AuditMacKey));
        builder.UseSetting("Audit:CheckpointDirectory", AuditCheckpointDirectory);
        builder.UseSetting("Accounts:MaxFailedAttempts", "5");
        builder.UseSetting("Accounts:LockoutMinutes", "15");
        builder.UseSetting("Accounts:TokenLifetimeMinutes", "60");
        // the second factor is off for the demo users the tests sign in as; TotpTests turn it on (AccountSettings)
        builder.UseSetting("Accounts:RequireTotp", "false");
        // every test request shares one address and many share names: LoginThrottleTests set low limits
        builder.UseSetting("Accounts:FailuresPerIp", "0");
        builder.UseSetting("Accounts:FailuresPerName", "0");
        // tests count live (they assert right after writing); IndicatorAggregateTests switch pre-aggregation on
        builder.UseSetting("HealthManagement:Indicators:PreAggregate", "false");
        builder.UseSetting("Elders:ExactSearchLimit", "0"); // off: tests search by ID as admin all the time; ExactSearchTests turn it on
        builder.UseSetting("RateLimiting:Public:PermitLimit", "100000"); // every test request shares one address; PublicListTests sets a low limit
        builder.UseSetting("Emergency:StreamSeconds", "2"); // tests that walk every GET route read the console stream to its end
        builder.UseSetting("Emergency:StreamPollMilliseconds", "100");
        // hosts derived with WithWebHostBuilder share the database: each runs its own background jobs (LeaderElectionTests elect)
        builder.UseSetting("Node:ElectLeader", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A client carrying a bearer token of the given user (tokens cached per factory).</summary>
    public async Task<HttpClient> ClientFor(string userName, string password = DemoPassword)
    {
        var token = await _tokens.GetOrAdd(userName + "\u001f" + password,
            _ => new Lazy<Task<string>>(() => IssueTokenAsync(userName, password))).Value;
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> IssueTokenAsync(string userName, string password)
    {
        using var client = Anonymous();
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"token for {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Runs code with a scope of the app's services (DbContext, seeder, …).</summary>
    public async Task<T> WithScope<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}

/// <summary>Owns the database and the factory of one provider for a whole collection.</summary>
public abstract class AppFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _db;
    private AppFactory? _factory;

    public AppFactory Factory => _factory ?? throw new InvalidOperationException("fixture not initialized");

    public async Task InitializeAsync()
    {
        if (provider == DatabaseProvider.Postgres && TestDatabase.PgServerConnection is null && !TestDatabase.IsCi)
            return; // every test of this collection is skipped by [DbFact]
        _db = await TestDatabase.CreateAsync(provider);
        _factory = new AppFactory(_db);
        _ = _factory.Server; // start: migrate and seed
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (_db is not null) await _db.DisposeAsync();
    }
}

public sealed class SqliteAppFixture() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresAppFixture() : AppFixture(DatabaseProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteAppFixture>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresAppFixture>
{
    public const string Name = "postgres";
}
