namespace Yiyang.Platform.Data;

public sealed class DemoOptions
{
    /// <summary>Fill an empty database with the 王益区 demo dataset (true on the embedded default).</summary>
    public bool Seed { get; set; }
    public int Elders { get; set; } = 2000;

    /// <summary>
    /// Lets <see cref="Seed"/> work in the Production environment (off by default): the demo accounts share a public
    /// password, so a production instance seeds only when this is set as well, and then warns at every start.
    /// </summary>
    public bool AllowInProduction { get; set; }
}

/// <summary>
/// At startup: applies pending migrations (Database:MigrateOnStartup, default true) and, when Demo:Seed is on,
/// fills an empty database with demo data. A database that already holds data is never touched by the seed.
/// In the Production environment the seed runs only with Demo:AllowInProduction as well, and then a warning is logged
/// at every start. Runs as a hosted service, so it completes before the server accepts requests.
/// </summary>
public sealed class DatabaseInitializer(IServiceScopeFactory scopes, IConfiguration config, IHostEnvironment environment,
    ILogger<DatabaseInitializer> log) : IHostedService
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
            foreach (var upgrade in scope.ServiceProvider.GetServices<IDataUpgrade>())
            {
                var changed = await upgrade.RunAsync(cancellationToken);
                if (changed > 0) log.LogInformation("{Upgrade} upgraded {Count} record(s)", upgrade.GetType().Name, changed);
            }
        }
        if (MaySeedDemo(config.GetValue("Demo:Seed", false)))
        {
            var seeder = ActivatorUtilities.CreateInstance<Modules.Demo.DemoSeeder>(scope.ServiceProvider);
            await seeder.SeedIfEmptyAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Whether the demo seed runs: outside Production when asked; in Production only with Demo:AllowInProduction too.
    /// With that flag set a Production instance warns at every start (seeded now or earlier), since its demo accounts
    /// share a public password.
    /// </summary>
    private bool MaySeedDemo(bool seed)
    {
        if (!environment.IsProduction()) return seed;
        if (config.GetValue("Demo:AllowInProduction", false))
        {
            log.LogCritical("DEMO MODE IN PRODUCTION: Demo:AllowInProduction is set. This instance may carry the demo accounts "
                + "(administrators included) with their PUBLISHED password. Never keep real data on it; for production set "
                + "Demo__Seed=false and Demo__AllowInProduction=false and remove the demo accounts");
            return seed;
        }
        if (seed)
            log.LogWarning("Demo:Seed is ignored in the Production environment: no demo data or demo accounts are written "
                + "(set Demo__Seed=false to silence this, or Demo__AllowInProduction=true for a demonstration instance)");
        return false;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
