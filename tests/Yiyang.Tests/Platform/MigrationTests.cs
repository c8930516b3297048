using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Platform;

/// <summary>The hand-written migration scripts against the EF model, on each provider, each on scratch databases.</summary>
public abstract class MigrationTests
{
    protected MigrationTests()
    {
        if (this is IPostgresTests && TestDatabase.PgServerConnection is null && TestDatabase.IsCi) TestDatabase.RequirePgServer();
    }

    protected abstract DatabaseProvider Provider { get; }

    private sealed record Column(string Table, string Name, string Type, bool Nullable);

    private sealed record Schema(HashSet<string> Tables, Dictionary<(string, string), Column> Columns, HashSet<string> Indexes);

    [DbFact]
    public async Task Migrations_produce_the_schema_of_the_model()
    {
        await using var migratedDb = await TestDatabase.CreateAsync(Provider);
        await using var createdDb = await TestDatabase.CreateAsync(Provider);
        await using (var db = migratedDb.CreateContext()) await db.Database.MigrateAsync();
        await using (var db = createdDb.CreateContext()) Assert.True(await db.Database.EnsureCreatedAsync());

        Schema migrated, model;
        await using (var db = migratedDb.CreateContext()) migrated = await ReadSchema(db);
        await using (var db = createdDb.CreateContext()) model = await ReadSchema(db);

        var problems = new List<string>();
        foreach (var t in model.Tables.Where(t => !migrated.Tables.Contains(t))) problems.Add($"missing table {t}");
        foreach (var (key, c) in model.Columns)
        {
            if (!migrated.Columns.TryGetValue(key, out var m)) problems.Add($"missing column {c.Table}.{c.Name}");
            else if (m.Type != c.Type || m.Nullable != c.Nullable)
                problems.Add($"{c.Table}.{c.Name}: model {c.Type} {(c.Nullable ? "NULL" : "NOT NULL")}, migrated {m.Type} {(m.Nullable ? "NULL" : "NOT NULL")}");
        }
        foreach (var i in model.Indexes.Where(i => !migrated.Indexes.Contains(i))) problems.Add($"missing index {i}");
        Assert.True(model.Tables.Count >= 7, "the model should have at least 7 tables");
        Assert.True(model.Columns.Count > 60, "the model should have more than 60 columns");
        Assert.True(model.Indexes.Count > 10, "the model should have more than 10 indexes");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [DbFact]
    public async Task Migrating_twice_is_a_no_op()
    {
        await using var scratch = await TestDatabase.CreateAsync(Provider);
        await using (var db = scratch.CreateContext())
        {
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
        }
        await using (var db = scratch.CreateContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            await db.Database.MigrateAsync();
            Assert.Equal(applied, await db.Database.GetAppliedMigrationsAsync());
            // the schema works: a real insert and query through the model
            db.AuditEntries.Add(Entry(AuditLog.Genesis));
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.AuditEntries.CountAsync());
        }
    }

    [DbFact]
    public async Task The_audit_table_refuses_update_and_delete()
    {
        await using var scratch = await TestDatabase.CreateAsync(Provider);
        await using var db = scratch.CreateContext();
        await db.Database.MigrateAsync();
        var e = Entry(AuditLog.Genesis);
        db.AuditEntries.Add(e);
        await db.SaveChangesAsync();

        await Assert.ThrowsAnyAsync<DbException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE platform_audit_entry SET detail = 'tampered' WHERE id = {e.Id}"));
        await Assert.ThrowsAnyAsync<DbException>(() =>
            db.Database.ExecuteSqlAsync($"DELETE FROM platform_audit_entry WHERE id = {e.Id}"));
        db.ChangeTracker.Clear();
        var stored = await db.AuditEntries.AsNoTracking().SingleAsync();
        Assert.Null(stored.Detail);
        Assert.Equal(e.Hash, stored.Hash);
    }

    [DbFact]
    public async Task Verification_finds_a_row_whose_hash_does_not_match()
    {
        await using var scratch = await TestDatabase.CreateAsync(Provider);
        await using var db = scratch.CreateContext();
        await db.Database.MigrateAsync();
        var first = Entry(AuditLog.Genesis);
        db.AuditEntries.Add(first);
        await db.SaveChangesAsync();
        var second = Entry(first.Hash, "elder.update");
        db.AuditEntries.Add(second);
        await db.SaveChangesAsync();
        var ok = await VerifyAsync(scratch, db);
        Assert.True(ok.Intact);
        Assert.Equal(2, ok.Checked);

        // a row written behind the application's back: right predecessor, but a hash that does not match its fields
        var at = AuditLog.Truncate(DateTimeOffset.UtcNow);
        object atValue = db.IsSqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)! : at;
        var forgedHash = new string('f', 64);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO platform_audit_entry (at, user_id, user_name, role, action, subject_type, subject_id, elder_id, detail, remote_ip, prev_hash, hash) " +
            "VALUES ({0}, NULL, 'intruder', 'platform-admin', 'elder.view', 'elder', '1', NULL, NULL, NULL, {1}, {2})",
            atValue, second.Hash, forgedHash);
        var brokenId = await db.AuditEntries.AsNoTracking().Where(x => x.Hash == forgedHash).Select(x => x.Id).SingleAsync();

        var result = await VerifyAsync(scratch, db);
        Assert.False(result.Intact);
        Assert.Equal(brokenId, result.FirstBrokenId);
        Assert.Equal(2, result.Checked);

        // a window over the newest two entries, anchored on the second one's stored predecessor, also finds it
        var window = await VerifyAsync(scratch, db, latest: 2);
        Assert.False(window.Intact);
        Assert.Equal(brokenId, window.FirstBrokenId);
        Assert.Equal(1, window.Checked);
        var intactWindow = await VerifyAsync(scratch, db, latest: 5);
        Assert.False(intactWindow.Intact);
    }

    /// <summary>The app's verifier (test key, no checkpoints) on a scratch database.</summary>
    private static async Task<AuditVerification> VerifyAsync(TestDatabase scratch, YiyangDb db, int? latest = null)
    {
        await using var services = Audit.AuditChainTests.Services(scratch, Path.Combine(Path.GetTempPath(), $"yiyang-none-{Guid.NewGuid():N}"),
            AppFactory.AuditMacKey);
        return await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<AuditVerifier>(services)
            .VerifyAsync(db, CancellationToken.None, latest);
    }

    private static AuditEntry Entry(string prev, string action = "elder.view")
    {
        var e = new AuditEntry
        {
            At = AuditLog.Truncate(DateTimeOffset.UtcNow),
            UserName = "test",
            Role = "platform-admin",
            Action = action,
            SubjectType = "elder",
            SubjectId = "1",
            PrevHash = prev,
            Hash = "",
        };
        e.Hash = AuditLog.ComputeHash(e);
        return e;
    }

    private static async Task<Schema> ReadSchema(YiyangDb db)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var tables = new HashSet<string>();
            var columns = new Dictionary<(string, string), Column>();
            var indexes = new HashSet<string>();
            if (db.IsSqlite)
            {
                foreach (var r in await Query(conn, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
                    tables.Add((string)r[0]!);
                foreach (var t in tables)
                {
                    foreach (var r in await Query(conn, $"PRAGMA table_info(\"{t}\")"))
                    {
                        var name = (string)r[1]!;
                        columns[(t, name)] = new Column(t, name, ((string)r[2]!).ToUpperInvariant(), Convert.ToInt64(r[3]) == 0);
                    }
                    foreach (var r in await Query(conn, $"PRAGMA index_list(\"{t}\")"))
                    {
                        var name = (string)r[1]!;
                        if (!name.StartsWith("sqlite_autoindex", StringComparison.Ordinal)) indexes.Add(name);
                    }
                }
            }
            else
            {
                foreach (var r in await Query(conn,
                             "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"))
                    tables.Add((string)r[0]!);
                foreach (var r in await Query(conn,
                             "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable " +
                             "FROM information_schema.columns WHERE table_schema = 'public'"))
                {
                    var type = (string)r[2]! + (r[3] is null ? "" : $"({Convert.ToInt32(r[3])})");
                    columns[((string)r[0]!, (string)r[1]!)] = new Column((string)r[0]!, (string)r[1]!, type, (string)r[4]! == "YES");
                }
                foreach (var r in await Query(conn, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"))
                    indexes.Add((string)r[0]!);
            }
            return new Schema(tables, columns, indexes);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<object?[]>> Query(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}

public sealed class MigrationTestsSqlite : MigrationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class MigrationTestsPostgres : MigrationTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <summary>
    /// Name-prefix search in a district (the test server's collation is C.UTF-8, which PostgreSQL does not treat as
    /// byte-wise): the name column's "C" collation lets the (county_code, name) index bound the name range itself
    /// and hand rows over in name order, so a page of 20 reads about 20 rows however many elders share the prefix.
    /// </summary>
    [DbFact]
    public async Task Name_prefix_search_is_bounded_by_the_district_and_name_index()
    {
        // an empty table gives the planner no reason to prefer one index over another: the other indexes on name are
        // dropped inside the transaction (rolled back), so the question is only whether this one can do the job
        var plan = await ExplainWithout("\"IX_elders_elder_name_id\", \"IX_elders_elder_township_code_name_id\"",
            "SELECT id FROM elders_elder WHERE county_code = '610102' AND name LIKE '周慧%' ORDER BY name, id LIMIT 20");
        var text = string.Join("\n", plan);
        Assert.Contains("IX_elders_elder_county_code_name_id", text);
        Assert.Matches(@"Index Cond: .*name(\)::text)? >= '周慧'", text);
        // the index gives the page order itself: no sort, not even an incremental one over the namesakes
        Assert.DoesNotContain(plan, l => l.Contains("Sort", StringComparison.Ordinal));
    }

    /// <summary>
    /// The indicator drill-through of a district (ADR 0008): the district's own index of the year's newest records
    /// hands the page over in order, so a page reads about its 20 records (and their elders) instead of walking the
    /// city's newest records and dropping other districts'. The city-wide index is dropped inside the transaction so
    /// the question is only whether the district's can do the job.
    /// </summary>
    [DbFact]
    public async Task District_drill_through_reads_the_district_index_of_newest_records()
    {
        var plan = await ExplainWithout("ix_healthmgmt_check_year_newest",
            "SELECT e.id, e.name, c.id, c.checked_on FROM healthmgmt_check c JOIN elders_elder e ON e.id = c.elder_id " +
            "WHERE c.year = 2026 AND c.complete AND c.county_code = '610203' AND e.county_code = '610203' " +
            "AND e.birth_date <= DATE '1961-12-31' ORDER BY c.checked_on DESC, c.id LIMIT 20");
        var text = string.Join("\n", plan);
        Assert.Contains("ix_healthmgmt_check_county_year_newest", text);
        Assert.DoesNotContain(plan, l => l.Contains("Sort", StringComparison.Ordinal));
    }

    /// <summary>
    /// EXPLAIN of a query on a freshly migrated scratch database, with sequential and bitmap scans and sorts priced out
    /// and the given competing indexes dropped inside a transaction that is rolled back: an empty table gives the
    /// planner no preference, so the plan says only whether the index under test can serve the query in order.
    /// </summary>
    private async Task<List<string>> ExplainWithout(string dropIndexes, string query)
    {
        await using var scratch = await TestDatabase.CreateAsync(Provider);
        await using var db = scratch.CreateContext();
        await db.Database.MigrateAsync();
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off; " +
                          $"DROP INDEX {dropIndexes}; EXPLAIN {query}";
        var plan = new List<string>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) plan.Add(r.GetString(0));
        await tx.RollbackAsync();
        return plan;
    }
}
