using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Yiyang.Platform.Data;

public static class MigrationRunner
{
    /// <summary>Pending migrations, without querying a history table that does not exist yet (which EF logs as an error).</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(YiyangDb db, CancellationToken ct)
    {
        var history = db.GetService<IHistoryRepository>();
        if (!await db.Database.CanConnectAsync(ct) || !await history.ExistsAsync(ct))
            return db.Database.GetMigrations().ToList();
        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }

    /// <summary>Applies pending migrations; returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(YiyangDb db, CancellationToken ct)
    {
        var pending = await PendingAsync(db, ct);
        if (pending.Count == 0) return pending;
        // note: on a brand-new PostgreSQL database EF logs one spurious "Failed executing DbCommand … __yiyang_migrations"
        // error before creating the history table (npgsql/efcore.pg#3407); the migration itself succeeds.
        await db.Database.MigrateAsync(ct);
        return pending;
    }
}
