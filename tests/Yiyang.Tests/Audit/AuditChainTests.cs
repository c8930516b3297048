using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Tests.Infrastructure;

namespace Yiyang.Tests.Audit;

/// <summary>
/// The keyed chain and its checkpoints against someone who can rewrite the table (triggers dropped): deleting middle rows
/// and re-chaining them with the unkeyed hash, truncating the tail, re-attributing an entry — each verified as intact
/// before the MAC and the checkpoints, each found now. On scratch databases of each provider.
/// </summary>
public abstract class AuditChainTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private readonly string _checkpointDir = Path.Combine(Path.GetTempPath(), $"yiyang-chain-test-{Guid.NewGuid():N}");

    protected AuditChainTests()
    {
        if (this is IPostgresTests && TestDatabase.PgServerConnection is null && TestDatabase.IsCi) TestDatabase.RequirePgServer();
    }

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync()
    {
        if (this is IPostgresTests && TestDatabase.PgServerConnection is null) return; // skipped by DbFact
        _database = await TestDatabase.CreateAsync(Provider);
        await using (var db = _database.CreateContext()) await db.Database.MigrateAsync();
        _services = Services(_database, _checkpointDir, AppFactory.AuditMacKey);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.GetRequiredService<AuditLog>().StopAsync(CancellationToken.None);
            await _services.DisposeAsync();
        }
        if (_database is not null) await _database.DisposeAsync();
        if (Directory.Exists(_checkpointDir)) Directory.Delete(_checkpointDir, recursive: true);
    }

    /// <summary>The writer, the key and the checkpoints as the app wires them, on one scratch database.</summary>
    public static ServiceProvider Services(TestDatabase database, string checkpointDir, byte[] key, params byte[][] previousKeys)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Audit:CheckpointDirectory"] = checkpointDir,
        }).Build();
        var s = new ServiceCollection();
        s.AddSingleton<IConfiguration>(config);
        s.AddSingleton<IHostEnvironment>(new TestEnvironment());
        s.AddSingleton(TimeProvider.System);
        s.AddLogging();
        s.AddScoped(_ => database.CreateContext());
        s.AddSingleton(new AuditMac(key, previousKeys));
        s.AddSingleton<AuditCheckpoints>();
        s.AddSingleton<AuditVerifier>();
        s.AddSingleton<AuditLog>();
        return s.BuildServiceProvider();
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Yiyang";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    /// <summary>
    /// Three entries from before the switch (unkeyed), then through the writer: the keyed marker and 10 entries, a
    /// checkpoint, and 2 more entries after it. Returns the ids of the writer's entries (marker first).
    /// </summary>
    private async Task<List<long>> SeedChainAsync()
    {
        await using (var db = _database.CreateContext())
        {
            var prev = AuditLog.Genesis;
            for (var i = 0; i < 3; i++)
            {
                var e = Legacy(prev, $"old {i}");
                db.AuditEntries.Add(e);
                await db.SaveChangesAsync();
                prev = e.Hash;
            }
        }
        var log = _services.GetRequiredService<AuditLog>();
        await log.StartAsync(CancellationToken.None);
        for (var i = 0; i < 10; i++) await log.Enqueue(Record($"before checkpoint {i}", i % 2 == 0 ? "doctor" : "nurse"));
        Assert.NotNull(await log.CheckpointAsync());
        for (var i = 0; i < 2; i++) await log.Enqueue(Record($"after checkpoint {i}", "doctor"));
        await using var read = _database.CreateContext();
        return await read.AuditEntries.AsNoTracking().Where(e => e.Id > 3).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    private static AuditRecord Record(string detail, string user) => new(7, user, user, "elder.view", "elder", "42", 42, detail, "127.0.0.1");

    private static AuditEntry Legacy(string prev, string detail)
    {
        var e = new AuditEntry
        {
            At = AuditLog.Truncate(DateTimeOffset.UtcNow),
            UserName = "doctor",
            Role = "doctor",
            Action = "elder.view",
            SubjectType = "elder",
            SubjectId = "1",
            Detail = detail,
            PrevHash = prev,
            Hash = "",
        };
        e.Hash = AuditLog.ComputeHash(e);
        return e;
    }

    private async Task<AuditVerification> VerifyAsync(int? latest = null)
    {
        await using var db = _database.CreateContext();
        return await _services.GetRequiredService<AuditVerifier>().VerifyAsync(db, CancellationToken.None, latest);
    }

    private async Task DropTriggersAsync(YiyangDb db)
    {
        if (db.IsSqlite)
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER platform_audit_entry_no_update");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER platform_audit_entry_no_delete");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER platform_audit_entry_no_update ON platform_audit_entry");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER platform_audit_entry_no_truncate ON platform_audit_entry");
        }
    }

    /// <summary>What an intruder without the key can do: re-link every entry from <paramref name="fromId"/> on with the unkeyed hash.</summary>
    private static async Task RechainUnkeyedAsync(YiyangDb db, long fromId)
    {
        var all = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        var prev = all.LastOrDefault(e => e.Id < fromId)?.Hash ?? AuditLog.Genesis;
        // two passes through a temporary value: the unique indexes on hash and prev_hash must hold after every statement
        foreach (var e in all.Where(e => e.Id >= fromId))
            await db.Database.ExecuteSqlAsync($"UPDATE platform_audit_entry SET prev_hash = {"tmp-p" + e.Id}, hash = {"tmp-h" + e.Id} WHERE id = {e.Id}");
        foreach (var e in all.Where(e => e.Id >= fromId))
        {
            e.PrevHash = prev;
            e.Hash = AuditLog.ComputeHash(e);
            await db.Database.ExecuteSqlAsync($"UPDATE platform_audit_entry SET user_name = {e.UserName}, prev_hash = {e.PrevHash}, hash = {e.Hash} WHERE id = {e.Id}");
            prev = e.Hash;
        }
    }

    [DbFact]
    public async Task The_writer_starts_a_keyed_chain_on_the_old_one_and_it_verifies_with_its_checkpoint()
    {
        var ids = await SeedChainAsync();
        await using (var db = _database.CreateContext())
        {
            var marker = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == ids[0]);
            Assert.Equal(AuditMac.KeyedAction, marker.Action);
            Assert.StartsWith("legacy=3; key=", marker.Detail);
            var oldTail = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == 3);
            Assert.Equal(oldTail.Hash, marker.PrevHash); // the keyed chain continues the old one
        }
        var v = await VerifyAsync();
        Assert.True(v.Intact, v.Problem);
        Assert.Equal(3 + 1 + 10 + 2, v.Checked);
        Assert.Equal(ids[0], v.KeyedFromId);
        Assert.Equal(1, v.Checkpoints);
        Assert.Equal(ids[10], v.LatestCheckpoint!.LastId);
        Assert.Equal(14, v.LatestCheckpoint.Count);
        var window = await VerifyAsync(latest: 5);
        Assert.True(window.Intact, window.Problem);
        Assert.Equal(1, window.Checkpoints);
    }

    [DbFact]
    public async Task Deleting_middle_rows_and_rechaining_with_the_unkeyed_hash_is_found()
    {
        var ids = await SeedChainAsync();
        await using (var db = _database.CreateContext())
        {
            await DropTriggersAsync(db);
            await db.Database.ExecuteSqlAsync($"DELETE FROM platform_audit_entry WHERE id IN ({ids[4]}, {ids[5]})");
            await RechainUnkeyedAsync(db, ids[6]);
        }
        var v = await VerifyAsync();
        Assert.False(v.Intact);
        Assert.Equal(ids[6], v.FirstBrokenId);
        Assert.Contains($"第 {ids[6]} 号记录的校验码不符", v.Problem);
    }

    [DbFact]
    public async Task Deleting_middle_rows_and_rechaining_everything_as_unkeyed_is_found_by_the_checkpoint()
    {
        var ids = await SeedChainAsync();
        await using (var db = _database.CreateContext())
        {
            await DropTriggersAsync(db);
            await db.Database.ExecuteSqlAsync($"DELETE FROM platform_audit_entry WHERE id IN ({ids[0]}, {ids[4]}, {ids[5]})"); // the marker too
            await RechainUnkeyedAsync(db, ids[1]);
        }
        var v = await VerifyAsync();
        Assert.False(v.Intact);
        Assert.Equal(ids[10], v.FirstBrokenId);
        Assert.Contains("与检查点", v.Problem);
    }

    [DbFact]
    public async Task Truncating_the_tail_is_found()
    {
        var ids = await SeedChainAsync();
        await using (var db = _database.CreateContext())
        {
            await DropTriggersAsync(db);
            await db.Database.ExecuteSqlAsync($"DELETE FROM platform_audit_entry WHERE id >= {ids[8]}");
        }
        var v = await VerifyAsync();
        Assert.False(v.Intact);
        Assert.Contains($"审计记录被截断：最后一条是第 {ids[7]} 号", v.Problem);
        Assert.Contains($"记载到第 {ids[10]} 号（共 14 条）", v.Problem);
        var window = await VerifyAsync(latest: 3);
        Assert.False(window.Intact);
        Assert.Contains("审计记录被截断", window.Problem);
    }

    [DbFact]
    public async Task Reattributing_an_entry_is_found()
    {
        var ids = await SeedChainAsync();
        await using (var db = _database.CreateContext())
        {
            await DropTriggersAsync(db);
            await db.Database.ExecuteSqlAsync($"UPDATE platform_audit_entry SET user_name = 'auditor' WHERE id = {ids[3]}");
        }
        var v = await VerifyAsync();
        Assert.False(v.Intact);
        Assert.Equal(ids[3], v.FirstBrokenId);

        // and re-linked after it with the unkeyed hash, so that the next entries follow on
        await using (var db = _database.CreateContext()) await RechainUnkeyedAsync(db, ids[3]);
        v = await VerifyAsync();
        Assert.False(v.Intact);
        Assert.Equal(ids[3], v.FirstBrokenId);
        Assert.Contains("记录被改动（如改了操作人）", v.Problem);
    }

    [DbFact]
    public async Task A_forged_or_edited_checkpoint_line_is_reported()
    {
        await SeedChainAsync();
        var file = Directory.GetFiles(_checkpointDir, "checkpoints-*.jsonl").Single();
        var line = (await File.ReadAllLinesAsync(file)).Single();
        await File.AppendAllTextAsync(file, line.Replace("\"count\":14", "\"count\":13") + "\n");
        var v = await VerifyAsync();
        Assert.False(v.Intact);
        Assert.Contains("第 2 行的签名不符", v.Problem);
    }

    [DbFact]
    public async Task Checkpoint_files_are_private_to_the_app_user()
    {
        await SeedChainAsync();
        if (OperatingSystem.IsWindows()) return;
        var file = Directory.GetFiles(_checkpointDir, "checkpoints-*.jsonl").Single();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_checkpointDir));
    }

    /// <summary>
    /// A key rotation: the writer with a new key (the old one kept to verify) links a rotation marker to the old key's
    /// last entry; the whole chain, a window after the rotation and the checkpoints of both keys verify; without the old
    /// key the old segment does not.
    /// </summary>
    [DbFact]
    public async Task A_rotated_key_continues_the_chain_and_the_old_key_still_verifies_what_it_wrote()
    {
        var ids = await SeedChainAsync();
        await _services.GetRequiredService<AuditLog>().StopAsync(CancellationToken.None);
        var newKey = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();
        await using var rotated = Services(_database, _checkpointDir, newKey, AppFactory.AuditMacKey);
        var log = rotated.GetRequiredService<AuditLog>();
        await log.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++) await log.Enqueue(Record($"after rotation {i}", "doctor"));
        Assert.NotNull(await log.CheckpointAsync());
        await log.StopAsync(CancellationToken.None);

        await using (var db = _database.CreateContext())
        {
            var marker = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditMac.RekeyedAction);
            Assert.Equal(ids[^1] + 1, marker.Id);
            var oldKey = new AuditMac(AppFactory.AuditMacKey).KeyId;
            Assert.Equal($"from={oldKey}; key={rotated.GetRequiredService<AuditMac>().KeyId}", marker.Detail);
            var oldLast = ids[^1];
            Assert.Equal((await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == oldLast)).Hash, marker.PrevHash);
            var v = await rotated.GetRequiredService<AuditVerifier>().VerifyAsync(db, CancellationToken.None);
            Assert.True(v.Intact, v.Problem);
            Assert.Equal(3 + 1 + 10 + 2 + 1 + 3, v.Checked);
            // checkpoints signed with each key (the seed's, the first writer's at its stop, the new writer's) all met
            var keysUsed = rotated.GetRequiredService<AuditCheckpoints>().Read().Where(l => l.Valid).Select(l => l.Checkpoint!.Key).Distinct().Count();
            Assert.Equal(2, keysUsed);
            Assert.True(v.Checkpoints >= 2);
            var window = await rotated.GetRequiredService<AuditVerifier>().VerifyAsync(db, CancellationToken.None, latest: 2);
            Assert.True(window.Intact, window.Problem);
        }
        // without the old key: neither the old segment nor the old key's checkpoint verifies
        await using var forgetful = Services(_database, _checkpointDir, newKey);
        await using var read = _database.CreateContext();
        Assert.False((await forgetful.GetRequiredService<AuditVerifier>().VerifyAsync(read, CancellationToken.None)).Intact);
    }

    [DbFact]
    public async Task Another_key_verifies_nothing()
    {
        await SeedChainAsync();
        await using var other = Services(_database, _checkpointDir, Enumerable.Repeat((byte)9, 32).ToArray());
        await using var db = _database.CreateContext();
        var v = await other.GetRequiredService<AuditVerifier>().VerifyAsync(db, CancellationToken.None);
        Assert.False(v.Intact);
    }
}

public sealed class SqliteAuditChainTests : AuditChainTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAuditChainTests : AuditChainTests, IPostgresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
