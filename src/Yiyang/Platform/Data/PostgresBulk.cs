using Microsoft.EntityFrameworkCore;
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
    public static async Task InsertEldersAsync(YiyangDb db, IReadOnlyCollection<Elder> elders, CancellationToken ct)
    {
        if (elders.Count == 0) return;
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await conn.BeginBinaryImportAsync(
            "COPY elders_elder (name, sex, birth_date, id_number_cipher, id_number_hash, id_number_masked, phone_cipher, phone_hash, " +
            "phone_masked, address_cipher, address_masked, contacts_cipher, contact_count, township_code, county_code, insurance_type, " +
            "health_card_no, flags, responsible_organization_id, created_at, updated_at, version) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in elders)
        {
            await copy.StartRowAsync(ct);
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
            await WriteNullable(copy, e.HealthCardNo, NpgsqlDbType.Varchar, ct);
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
