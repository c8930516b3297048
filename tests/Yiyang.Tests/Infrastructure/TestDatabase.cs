using Microsoft.EntityFrameworkCore;
using Npgsql;
using Yiyang.Platform.Data;

namespace Yiyang.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database owned by one factory or one test: a temp file on SQLite, a new database
/// (yy_test_&lt;random&gt;) on the PostgreSQL server named by DEMO_PG_CONN. Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PgConnVar = "DEMO_PG_CONN";

    private readonly string? _sqliteDir;
    private readonly string? _pgName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteDir, string? pgName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteDir = sqliteDir;
        _pgName = pgName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string ProviderSetting => Provider == DatabaseProvider.Sqlite ? "Sqlite" : "Postgres";
    /// <summary>Unique per database (the SQLite folder's or the PostgreSQL database's name).</summary>
    public string Name => _pgName ?? Path.GetFileName(_sqliteDir!);

    public static string? PgServerConnection => Environment.GetEnvironmentVariable(PgConnVar) is { Length: > 0 } s ? s : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws when PostgreSQL tests must run (CI=true) but no server is configured.</summary>
    public static string RequirePgServer() =>
        PgServerConnection ?? throw new InvalidOperationException(
            $"{PgConnVar} is not set: PostgreSQL tests cannot run" + (IsCi ? " (CI=true, so this is a failure, not a skip)." : "."));

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "yy_test_" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(dir);
            var cs = $"Data Source={Path.Combine(dir, "yiyang.db")};Foreign Keys=True;Default Timeout=30;Pooling=False";
            return new TestDatabase(provider, cs, dir, null);
        }
        var server = RequirePgServer();
        var name = "yy_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var b = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 30 };
        return new TestDatabase(provider, b.ToString(), null, name);
    }

    /// <summary>A DbContext on this database, configured exactly as the app configures it.</summary>
    public YiyangDb CreateContext()
    {
        var o = new DbContextOptionsBuilder<YiyangDb>();
        DatabaseSetup.Configure(o, Provider, ConnectionString);
        return new YiyangDb(o.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteDir is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        if (_pgName is not null && PgServerConnection is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(server);
            await conn.OpenAsync();
            await using (var kill = new NpgsqlCommand(
                             "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @n AND pid <> pg_backend_pid()", conn))
            {
                kill.Parameters.AddWithValue("n", _pgName);
                await kill.ExecuteNonQueryAsync();
            }
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\"", conn);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
