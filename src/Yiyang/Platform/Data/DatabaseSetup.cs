using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Yiyang.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the provider from <c>Database:Provider</c> and the connection from <c>ConnectionStrings:Yiyang</c>.</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider Provider(IConfiguration config) =>
        (config["Database:Provider"] ?? "Sqlite").Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException($"Database:Provider 只能是 Sqlite 或 Postgres（当前为 {other}）。"),
        };

    public static string ConnectionString(IConfiguration config, IHostEnvironment env)
    {
        var provider = Provider(config);
        var cs = config.GetConnectionString("Yiyang");
        if (provider == DatabaseProvider.Sqlite)
        {
            var b = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(cs) ? "Data Source=App_Data/yiyang.db" : cs);
            if (b.DataSource != ":memory:" && !b.DataSource.StartsWith("file:", StringComparison.Ordinal) && !Path.IsPathRooted(b.DataSource))
                b.DataSource = Path.Combine(env.ContentRootPath, b.DataSource);
            if (b.DataSource != ":memory:" && !b.DataSource.StartsWith("file:", StringComparison.Ordinal))
            {
                // a new directory is 0700; an existing database is tightened to 0600 now, a new one once created (DatabaseInitializer)
                PrivateFiles.EnsureDirectory(Path.GetDirectoryName(Path.GetFullPath(b.DataSource))!);
                PrivateFiles.Tighten(b.DataSource);
            }
            b.ForeignKeys = true;
            b.DefaultTimeout = 30;
            return b.ToString();
        }
        if (string.IsNullOrWhiteSpace(cs))
            throw new InvalidOperationException("使用 PostgreSQL 时必须设置 ConnectionStrings__Yiyang。");
        return WithNpgsqlDefaults(cs);
    }

    /// <summary>
    /// Npgsql settings the platform relies on unless the connection string says otherwise (measured with
    /// PostgreSQL's statement log on a visit completion): statements used twice are prepared on the connection
    /// (PostgreSQL parsed and planned every statement of every request before), and a connection returned to the pool is
    /// not reset with <c>DISCARD ALL</c> (four extra round trips per completion; the platform keeps no session state:
    /// its advisory lock is transaction-scoped, it sets no session variables and creates no temporary tables).
    /// </summary>
    public static string WithNpgsqlDefaults(string cs)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = cs };
        bool Has(params string[] keys) => keys.Any(given.ContainsKey);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        if (!Has("Max Auto Prepare", "MaxAutoPrepare")) b.MaxAutoPrepare = 64;
        if (!Has("Auto Prepare Min Usages", "AutoPrepareMinUsages")) b.AutoPrepareMinUsages = 2;
        if (!Has("No Reset On Close", "NoResetOnClose")) b.NoResetOnClose = true;
        return b.ConnectionString;
    }

    public static void Configure(DbContextOptionsBuilder o, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
            o.UseSqlite(connectionString, s => s.MigrationsHistoryTable("__yiyang_migrations"));
        else
            o.UseNpgsql(connectionString, s => s.MigrationsHistoryTable("__yiyang_migrations"));
        o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        o.AddInterceptors(SqlitePragmas.Instance, TextParameterGuard.Instance);
    }

    public static IServiceCollection AddYiyangDb(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var provider = Provider(config);
        var cs = ConnectionString(config, env);
        // pooled: a request rents a reset context instead of building options and services for a new one; the pool keeps
        // at most Database:ContextPoolSize idle contexts (a request beyond them builds a fresh one)
        var poolSize = config.GetValue("Database:ContextPoolSize", 256);
        services.AddDbContextPool<YiyangDb>(o => Configure(o, provider, cs), poolSize: Math.Max(1, poolSize));
        services.AddSingleton<ReplicaRouter>(); // ConnectionStrings:YiyangReadOnly
        services.AddScoped<StaleReads>();
        return services;
    }
}

/// <summary>
/// WAL and a busy timeout on SQLite connections so readers do not block the single writer. The busy timeout is set first,
/// so that switching to WAL waits for a lock instead of failing. While another connection recovers the WAL after a crash,
/// SQLite answers SQLITE_READONLY (recovery, cannot-init) at once rather than waiting: the pragmas are tried again for a
/// few seconds then.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private const string Pragmas = "PRAGMA busy_timeout=30000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
    private const int Attempts = 40;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var cmd = connection.CreateCommand();
                cmd.CommandText = Pragmas;
                cmd.ExecuteNonQuery();
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 8 && attempt < Attempts)
            {
                Thread.Sleep(Pause);
            }
        }
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = Pragmas;
                await cmd.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 8 && attempt < Attempts)
            {
                await Task.Delay(Pause, cancellationToken);
            }
        }
    }
}
