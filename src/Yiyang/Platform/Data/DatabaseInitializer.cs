namespace Yiyang.Platform.Data;

public sealed class DemoOptions
{
    /// <summary>Fill an empty database with the 王益区 demo dataset (true on the embedded default).</summary>
    public bool Seed { get; set; }
    public int Elders { get; set; } = 2000;
}

/// <summary>
/// At startup: applies pending migrations (Database:MigrateOnStartup, default true) and, when Demo:Seed is on,
/// fills an empty database with demo data. A database that already holds data is never touched by the seed.
/// Runs as a hosted service, so it completes before the server accepts requests.
/// </summary>
public sealed class DatabaseInitializer(IServiceScopeFactory scopes, IConfiguration config, ILogger<DatabaseInitializer> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiyangDb>();
        if (config.GetValue("Database:MigrateOnStartup", true))
        {
            var applied = await MigrationRunner.MigrateAsync(db, cancellationToken);
            if (db.IsSqlite && db.Database.GetDbConnection().DataSource is { Length: > 0 } file && file != ":memory:")
                PrivateFiles.Tighten(file, file + "-wal", file + "-shm"); // the database SQLite has just created: 0600
            if (applied.Count > 0)
                log.LogInformation("Applied {Count} migration(s): {Migrations}", applied.Count, string.Join(", ", applied));
        }
        if (config.GetValue("Demo:Seed", false))
        {
            var seeder = ActivatorUtilities.CreateInstance<Modules.Demo.DemoSeeder>(scope.ServiceProvider);
            await seeder.SeedIfEmptyAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
