using Microsoft.EntityFrameworkCore;
using Yiyang.Platform.Security;

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
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                log.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        if (config.GetValue("Demo:Seed", false))
        {
            var seeder = ActivatorUtilities.CreateInstance<Modules.Demo.DemoSeeder>(scope.ServiceProvider);
            await seeder.SeedIfEmptyAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
