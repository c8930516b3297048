using Microsoft.EntityFrameworkCore;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

/// <summary>
/// Instants with an offset other than UTC (a phone sends +08:00) are stored and compared as the same instant on both
/// providers: PostgreSQL's timestamptz accepts UTC only, so the model converts every DateTimeOffset once.
/// </summary>
public abstract class InstantStorageTests
{
    protected InstantStorageTests()
    {
        if (this is IPostgresTests && TestDatabase.PgServerConnection is null && TestDatabase.IsCi) TestDatabase.RequirePgServer();
    }

    protected abstract DatabaseProvider Provider { get; }

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [DbFact]
    public async Task An_instant_with_an_offset_is_stored_and_queried_as_the_same_instant()
    {
        await using var scratch = await TestDatabase.CreateAsync(Provider);
        await using (var db = scratch.CreateContext()) await db.Database.MigrateAsync();
        var local = new DateTimeOffset(2026, 11, 23, 10, 0, 0, China); // = 02:00 UTC
        await using (var db = scratch.CreateContext())
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = local,
                UserName = "t",
                Role = "platform-admin",
                Action = "test",
                SubjectType = "test",
                PrevHash = AuditLog.Genesis,
                Hash = new string('a', 64),
            });
            await db.SaveChangesAsync();
        }
        await using (var db = scratch.CreateContext())
        {
            var stored = await db.AuditEntries.AsNoTracking().SingleAsync();
            Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero), stored.At);
            // parameters with an offset compare as instants
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.At == new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)));
            var justBefore = new DateTimeOffset(2026, 11, 23, 9, 59, 0, China);
            var justAfter = new DateTimeOffset(2026, 11, 23, 10, 1, 0, China);
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.At >= justBefore && e.At < justAfter));
            Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.At > local));
        }
    }
}

public sealed class InstantStorageTestsSqlite : InstantStorageTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class InstantStorageTestsPostgres : InstantStorageTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
