using Npgsql;
using NpgsqlTypes;
using Yiyang.Modules.Elders;

namespace Yiyang.Platform.Data;

/// <summary>
/// Bulk writes with PostgreSQL's binary COPY inside the context's current transaction — used where EF's per-row
/// INSERT would dominate (imports, the city generator). Column lists follow the model's snake_case names; the
/// migration schema test keeps them honest.
/// </summary>
public static class PostgresBulk
{
    /// <summary>
    /// <paramref name="count"/> fresh ids from the table's identity sequence, each taken by nextval — safe beside other
    /// sessions inserting at the same time (the ids need not be contiguous).
    /// </summary>
    public static async Task<long[]> NextIdsAsync(YiyangDb db, string table, int count, CancellationToken ct)
    {
        if (count == 0) return [];
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var cmd = new NpgsqlCommand($"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, $1)", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = count });
        var ids = new long[count];
        await using var r = await cmd.ExecuteReaderAsync(ct);
        for (var i = 0; await r.ReadAsync(ct); i++) ids[i] = r.GetInt64(0);
        return ids;
    }

    /// <summary>
    /// Inserts the elders whose ID hash is not registered yet and returns their new ids: binary COPY into a temporary
    /// staging table (no WAL, no indexes), then <c>INSERT … SELECT … ON CONFLICT (id_number_hash) DO NOTHING RETURNING id</c>.
    /// Must run inside a transaction (the staging table is dropped at commit).
    /// </summary>
    public static async Task<List<long>> InsertEldersSkippingExistingAsync(YiyangDb db, IReadOnlyCollection<Elder> elders, CancellationToken ct)
    {
        var ids = new List<long>(elders.Count);
        if (elders.Count == 0) return ids;
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var cmd = new NpgsqlCommand(
            $"CREATE TEMP TABLE IF NOT EXISTS elders_import_stage ON COMMIT DROP AS SELECT {EldersColumns} FROM elders_elder WITH NO DATA; " +
            "TRUNCATE elders_import_stage", conn))
            await cmd.ExecuteNonQueryAsync(ct);
        await CopyEldersAsync(conn, "elders_import_stage", elders, withIds: false, ct);
        await using (var cmd = new NpgsqlCommand(
            $"INSERT INTO elders_elder ({EldersColumns}) SELECT {EldersColumns} FROM elders_import_stage ON CONFLICT (id_number_hash) DO NOTHING RETURNING id", conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) ids.Add(r.GetInt64(0));
        return ids;
    }

    /// <summary>
    /// The fast path of an import chunk, for the usual case where every elder in it is new: ids from the table's sequence
    /// and binary COPY straight into <c>elders_elder</c>, under a savepoint. When one of them is already registered (or
    /// registered twice in the chunk) the unique ID-hash index refuses the COPY, the savepoint is rolled back and the
    /// answer is null: the caller then takes <see cref="InsertEldersSkippingExistingAsync"/> for that chunk. Saves the
    /// staging table's write and the INSERT … SELECT of the slow path. Must run inside a transaction.
    /// </summary>
    public static async Task<long[]?> TryInsertAllNewEldersAsync(YiyangDb db, IReadOnlyList<Elder> elders, CancellationToken ct)
    {
        if (elders.Count == 0) return [];
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("The import runs in a transaction.");
        var ids = await NextIdsAsync(db, "elders_elder", elders.Count, ct);
        for (var i = 0; i < ids.Length; i++) elders[i].Id = ids[i];
        const string savepoint = "import_chunk";
        await tx.CreateSavepointAsync(savepoint, ct);
        try
        {
            await CopyEldersAsync((NpgsqlConnection)db.Database.GetDbConnection(), "elders_elder", elders, withIds: true, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await tx.RollbackToSavepointAsync(savepoint, ct);
            foreach (var elder in elders) elder.Id = 0;
            return null;
        }
        await tx.ReleaseSavepointAsync(savepoint, ct);
        return ids;
    }

    /// <summary>One timeline event per elder, all with the same kind, summary and time.</summary>
    public static async Task InsertTimelineAsync(YiyangDb db, IReadOnlyList<long> elderIds, DateTimeOffset at, string kind, string module,
        string summary, string actor, CancellationToken ct)
    {
        if (elderIds.Count == 0) return;
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await conn.BeginBinaryImportAsync(
            "COPY elders_timeline_event (elder_id, at, kind, module, summary, actor) FROM STDIN (FORMAT BINARY)", ct);
        var utc = at.ToUniversalTime();
        foreach (var id in elderIds)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(id, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(utc, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(kind, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(module, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(summary, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(actor, NpgsqlDbType.Varchar, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>Elders by binary COPY; with <paramref name="withIds"/> their <c>Id</c> (from <see cref="NextIdsAsync"/>) is written too.</summary>
    public static async Task InsertEldersAsync(YiyangDb db, IReadOnlyCollection<Elder> elders, CancellationToken ct, bool withIds = false)
    {
        if (elders.Count == 0) return;
        await CopyEldersAsync((NpgsqlConnection)db.Database.GetDbConnection(), "elders_elder", elders, withIds, ct);
    }

    private const string EldersColumns = "name, sex, birth_date, id_number_cipher, id_number_hash, id_number_masked, phone_cipher, phone_hash, " +
        "phone_masked, address_cipher, address_masked, contacts_cipher, contact_count, township_code, county_code, insurance_type, " +
        "health_card_cipher, health_card_masked, flags, responsible_organization_id, created_at, updated_at, version";

    private static async Task CopyEldersAsync(NpgsqlConnection conn, string table, IReadOnlyCollection<Elder> elders, bool withIds, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(
            $"COPY {table} (" + (withIds ? "id, " : "") + EldersColumns + ") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in elders)
        {
            await copy.StartRowAsync(ct);
            if (withIds) await copy.WriteAsync(e.Id, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(e.Name, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync((int)e.Sex, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(e.BirthDate, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(e.IdNumberCipher, NpgsqlDbType.Bytea, ct);
            await copy.WriteAsync(e.IdNumberHash, NpgsqlDbType.Bytea, ct);
            await copy.WriteAsync(e.IdNumberMasked, NpgsqlDbType.Varchar, ct);
            await WriteNullable(copy, e.PhoneCipher, NpgsqlDbType.Bytea, ct);
            await WriteNullable(copy, e.PhoneHash, NpgsqlDbType.Bytea, ct);
            await WriteNullable(copy, e.PhoneMasked, NpgsqlDbType.Varchar, ct);
            await WriteNullable(copy, e.AddressCipher, NpgsqlDbType.Bytea, ct);
            await WriteNullable(copy, e.AddressMasked, NpgsqlDbType.Varchar, ct);
            await WriteNullable(copy, e.ContactsCipher, NpgsqlDbType.Bytea, ct);
            await copy.WriteAsync(e.ContactCount, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(e.TownshipCode, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.CountyCode, NpgsqlDbType.Varchar, ct);
            await WriteNullable(copy, e.InsuranceType, NpgsqlDbType.Varchar, ct);
            await WriteNullable(copy, e.HealthCardCipher, NpgsqlDbType.Bytea, ct);
            await WriteNullable(copy, e.HealthCardMasked, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync((int)e.Flags, NpgsqlDbType.Integer, ct);
            if (e.ResponsibleOrganizationId is { } org) await copy.WriteAsync(org, NpgsqlDbType.Bigint, ct);
            else await copy.WriteNullAsync(ct);
            await copy.WriteAsync(e.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(e.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(e.Version, NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static async Task WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : class
    {
        if (value is null) await copy.WriteNullAsync(ct);
        else await copy.WriteAsync(value, type, ct);
    }
}
