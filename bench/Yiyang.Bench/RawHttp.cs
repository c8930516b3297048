using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Identifiers;
using Yiyang.Platform.Security;

/// <summary>
/// Second lookup baseline: the same indexed SQL as <see cref="Lookup.RawAsync"/>, but served over HTTP by a bare Kestrel
/// server (no authentication, scope, EF Core, audit or masking) and driven by the same wrk script as the product. The
/// product / raw-HTTP ratio is therefore the cost of the platform itself; the in-process baseline adds the cost of
/// HTTP and of the load generator sharing the machine. Lives in the benchmark tool, never in the product.
///   raw-http --conn CS --port P      (GET /raw/elders/{id}, GET /raw/elders?q=ID|name&amp;regionCode=)
/// </summary>
internal static class RawHttp
{
    private const string Detail = "SELECT e.id, e.name, e.sex, e.birth_date, e.id_number_masked, e.phone_masked, e.address_masked, e.contacts_cipher, " +
        "e.township_code, e.insurance_type, e.health_card_masked, e.flags, e.responsible_organization_id, e.created_at, e.updated_at, e.version, o.name " +
        "FROM elders_elder e LEFT JOIN org_organization o ON o.id = e.responsible_organization_id WHERE e.id = $1 LIMIT 1";
    private const string Columns = "e.id, e.name, e.sex, e.birth_date, e.id_number_masked, e.phone_masked, e.township_code, e.flags, e.responsible_organization_id";

    public static async Task<int> RunAsync(string[] args)
    {
        var i = Array.IndexOf(args, "--conn");
        var conn = i >= 0 ? args[i + 1] : throw new ArgumentException("missing --conn");
        var p = Array.IndexOf(args, "--port");
        var port = p >= 0 ? int.Parse(args[p + 1], CultureInfo.InvariantCulture) : 55482;
        var pii = new PiiProtector(
            Convert.FromBase64String(Environment.GetEnvironmentVariable("Security__PiiEncryptionKey") ?? throw new ArgumentException("Security__PiiEncryptionKey not set")),
            Convert.FromBase64String(Environment.GetEnvironmentVariable("Security__PiiHashKey") ?? throw new ArgumentException("Security__PiiHashKey not set")));
        await using var source = new NpgsqlDataSourceBuilder(conn).Build();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/raw/elders/{id:long}", async (long id, HttpContext http) =>
        {
            await using var c = await source.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand(Detail, c) { Parameters = { new() { Value = id } } };
            await using var r = await cmd.ExecuteReaderAsync();
            if (!await r.ReadAsync()) return Results.NotFound();
            http.Response.ContentType = "application/json; charset=utf-8";
            await using var w = new Utf8JsonWriter(http.Response.Body);
            w.WriteStartObject();
            for (var f = 0; f < r.FieldCount; f++)
            {
                w.WritePropertyName(r.GetName(f) + f.ToString(CultureInfo.InvariantCulture));
                WriteValue(w, r.IsDBNull(f) ? null : r.GetValue(f));
            }
            w.WriteEndObject();
            await w.FlushAsync();
            return Results.Empty;
        });
        app.MapGet("/raw/elders", async (string? q, string? regionCode, HttpContext http) =>
        {
            await using var c = await source.OpenConnectionAsync();
            var text = (q ?? "").Trim();
            string where;
            object a;
            object? b = null;
            if (ChineseIdNumber.TryParse(text, DateOnly.FromDateTime(DateTime.UtcNow), out _) is { } id)
            {
                where = "e.id_number_hash = $1";
                a = pii.Hash(ElderRecord.IdHashPurpose, id.Normalized);
            }
            else
            {
                where = "e.county_code = $1 AND e.name LIKE $2";
                a = regionCode ?? "";
                b = text + "%";
            }
            int total;
            await using (var cmd = new NpgsqlCommand($"SELECT count(*)::int FROM elders_elder e WHERE {where}", c))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = a });
                if (b is not null) cmd.Parameters.Add(new NpgsqlParameter { Value = b });
                total = (int)(await cmd.ExecuteScalarAsync())!;
            }
            await using var page = new NpgsqlCommand($"SELECT {Columns} FROM elders_elder e WHERE {where} ORDER BY e.name, e.id LIMIT 20", c);
            page.Parameters.Add(new NpgsqlParameter { Value = a });
            if (b is not null) page.Parameters.Add(new NpgsqlParameter { Value = b });
            await using var r = await page.ExecuteReaderAsync();
            http.Response.ContentType = "application/json; charset=utf-8";
            await using var w = new Utf8JsonWriter(http.Response.Body);
            w.WriteStartObject();
            w.WriteNumber("total", total);
            w.WriteStartArray("items");
            while (await r.ReadAsync())
            {
                w.WriteStartObject();
                for (var f = 0; f < r.FieldCount; f++)
                {
                    w.WritePropertyName(r.GetName(f));
                    WriteValue(w, r.IsDBNull(f) ? null : r.GetValue(f));
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            await w.FlushAsync();
            return Results.Empty;
        });
        Console.Error.WriteLine($"raw-http: listening on 127.0.0.1:{port}");
        await app.RunAsync();
        return 0;
    }

    private static void WriteValue(Utf8JsonWriter w, object? v)
    {
        switch (v)
        {
            case null: w.WriteNullValue(); break;
            case long l: w.WriteNumberValue(l); break;
            case int n: w.WriteNumberValue(n); break;
            case short s: w.WriteNumberValue(s); break;
            case string s: w.WriteStringValue(s); break;
            case byte[] bytes: w.WriteBase64StringValue(bytes); break;
            case DateTime d: w.WriteStringValue(d); break;
            case DateOnly d: w.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            default: w.WriteStringValue(Convert.ToString(v, CultureInfo.InvariantCulture)); break;
        }
    }
}
