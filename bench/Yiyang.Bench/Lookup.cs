using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using Yiyang.Platform.Security;

/// <summary>
/// Lookup benchmark helpers. <c>lookup-sample</c> picks random elders of a seeded city and writes the request paths
/// wrk replays (ids, ID numbers decrypted with the platform's key, name prefixes per district) plus the keyed hashes
/// the baseline needs. <c>raw-lookup</c> is the baseline: the same indexed SQL the product runs for each lookup, issued
/// through raw Npgsql by C concurrent connections in one process, with throughput and latency percentiles.
/// </summary>
internal static class Lookup
{
    private static string Arg(string[] args, string name, string? fallback = null)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"missing {name}");
    }

    private static PiiProtector Keys() => new(
        Convert.FromBase64String(Environment.GetEnvironmentVariable("Security__PiiEncryptionKey") ?? throw new ArgumentException("Security__PiiEncryptionKey not set")),
        Convert.FromBase64String(Environment.GetEnvironmentVariable("Security__PiiHashKey") ?? throw new ArgumentException("Security__PiiHashKey not set")));

    public static async Task<int> SampleAsync(string[] args)
    {
        var conn = Arg(args, "--conn");
        var count = int.Parse(Arg(args, "--count", "5000"), CultureInfo.InvariantCulture);
        var dir = Arg(args, "--out");
        Directory.CreateDirectory(dir);
        var pii = Keys();
        await using var c = new NpgsqlConnection(conn);
        await c.OpenAsync();
        var ids = new List<long>();
        var idNumbers = new List<string>();
        var hashes = new List<string>();
        var names = new List<(string County, string Prefix)>();
        // a deterministic sample spread over the whole table
        await using (var cmd = new NpgsqlCommand(
            $"SELECT id, id_number_cipher, id_number_hash, county_code, name FROM elders_elder ORDER BY md5(id::text) LIMIT {count}", c))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) Add(r);
        await File.WriteAllLinesAsync(Path.Combine(dir, "by-id.txt"), ids.Select(i => "/api/elders/" + i.ToString(CultureInfo.InvariantCulture)));
        await File.WriteAllLinesAsync(Path.Combine(dir, "by-idnumber.txt"), idNumbers.Select(n => "/api/elders?q=" + n));
        await File.WriteAllLinesAsync(Path.Combine(dir, "by-name.txt"),
            names.Select(n => $"/api/elders?regionCode={n.County}&q={Uri.EscapeDataString(n.Prefix)}"));
        await File.WriteAllLinesAsync(Path.Combine(dir, "ids.raw"), ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        await File.WriteAllLinesAsync(Path.Combine(dir, "hashes.raw"), hashes);
        await File.WriteAllLinesAsync(Path.Combine(dir, "names.raw"), names.Select(n => n.County + "\t" + n.Prefix));
        Console.Error.WriteLine($"lookup-sample: {ids.Count} elders");
        return ids.Count > 0 ? 0 : 1;

        void Add(NpgsqlDataReader r)
        {
            ids.Add(r.GetInt64(0));
            idNumbers.Add(pii.Decrypt((byte[])r[1]));
            hashes.Add(Convert.ToHexString((byte[])r[2]));
            // name prefix = surname and first given character: what a caller types to find someone in a district
            var name = r.GetString(4);
            names.Add((r.GetString(3), name[..Math.Min(2, name.Length)]));
        }
    }

    public static async Task<int> RawAsync(string[] args)
    {
        var conn = Arg(args, "--conn");
        var dir = Arg(args, "--dir");
        var kind = Arg(args, "--kind");
        var connections = int.Parse(Arg(args, "--connections", "16"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Arg(args, "--seconds", "10"), CultureInfo.InvariantCulture);
        var ids = (await File.ReadAllLinesAsync(Path.Combine(dir, "ids.raw"))).Select(long.Parse).ToArray();
        var hashes = (await File.ReadAllLinesAsync(Path.Combine(dir, "hashes.raw"))).Select(Convert.FromHexString).ToArray();
        var names = (await File.ReadAllLinesAsync(Path.Combine(dir, "names.raw"))).Select(l => l.Split('\t')).ToArray();
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(conn) { MaxPoolSize = connections + 2 }.ConnectionString);
        await using var source = builder.Build();
        // the SQL the product runs for each lookup (ElderService.GetAsync / ListAsync), without scope, audit and JSON
        const string detail = "SELECT e.id, e.name, e.sex, e.birth_date, e.id_number_masked, e.phone_masked, e.address_masked, e.contacts_cipher, " +
            "e.township_code, e.insurance_type, e.health_card_masked, e.flags, e.responsible_organization_id, e.created_at, e.updated_at, e.version, o.name " +
            "FROM elders_elder e LEFT JOIN org_organization o ON o.id = e.responsible_organization_id WHERE e.id = $1 LIMIT 1";
        const string byHashCount = "SELECT count(*)::int FROM elders_elder e WHERE e.id_number_hash = $1";
        const string byHashPage = "SELECT e.id, e.name, e.sex, e.birth_date, e.id_number_masked, e.phone_masked, e.township_code, e.flags, e.responsible_organization_id " +
            "FROM elders_elder e WHERE e.id_number_hash = $1 ORDER BY e.name, e.id LIMIT 20";
        const string byNameCount = "SELECT count(*)::int FROM elders_elder e WHERE e.county_code = $1 AND e.name LIKE $2";
        const string byNamePage = "SELECT e.id, e.name, e.sex, e.birth_date, e.id_number_masked, e.phone_masked, e.township_code, e.flags, e.responsible_organization_id " +
            "FROM elders_elder e WHERE e.county_code = $1 AND e.name LIKE $2 ORDER BY e.name, e.id LIMIT 20";
        var latencies = new List<double>[connections];
        var stop = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var rng = new Random(w);
            var mine = latencies[w] = new List<double>(100_000);
            await using var c = await source.OpenConnectionAsync();
            var sw = new Stopwatch();
            while (stop.Elapsed < deadline)
            {
                var i = rng.Next(ids.Length);
                sw.Restart();
                switch (kind)
                {
                    case "id":
                        await using (var cmd = new NpgsqlCommand(detail, c) { Parameters = { new() { Value = ids[i] } } })
                        await using (var r = await cmd.ExecuteReaderAsync())
                            while (await r.ReadAsync()) { }
                        break;
                    case "idnumber":
                        await Page(c, byHashCount, byHashPage, hashes[i], null);
                        break;
                    case "name":
                        await Page(c, byNameCount, byNamePage, names[i][0], names[i][1] + "%");
                        break;
                    default:
                        throw new ArgumentException("--kind id|idnumber|name");
                }
                mine.Add(sw.Elapsed.TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = stop.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"raw-lookup kind={kind} connections={connections} requests={all.Length} rps={all.Length / elapsed:F0} p50_ms={P(0.50):F2} p95_ms={P(0.95):F2} p99_ms={P(0.99):F2}"));
        return 0;

        static async Task Page(NpgsqlConnection c, string countSql, string pageSql, object a, object? b)
        {
            await using (var cmd = new NpgsqlCommand(countSql, c))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = a });
                if (b is not null) cmd.Parameters.Add(new NpgsqlParameter { Value = b });
                await cmd.ExecuteScalarAsync();
            }
            await using (var cmd = new NpgsqlCommand(pageSql, c))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = a });
                if (b is not null) cmd.Parameters.Add(new NpgsqlParameter { Value = b });
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) { }
            }
        }
    }

    /// <summary>
    /// Checked-in visits of contracted elders with their planned services done (a nurse at the door, about to finish):
    /// the write benchmark completes each once over HTTP. Inserted in one SQL statement, not part of the measurement.
    /// </summary>
    public static async Task<int> PrepareVisitsAsync(string[] args)
    {
        var conn = Arg(args, "--conn");
        var count = int.Parse(Arg(args, "--count"), CultureInfo.InvariantCulture);
        var output = Arg(args, "--out");
        await using var c = new NpgsqlConnection(conn);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            WITH picked AS (
                SELECT c.elder_id, c.team_id, c.organization_id, c.township_code, c.county_code
                FROM familydoctor_contract c WHERE c.status = 1 ORDER BY md5(c.id::text) LIMIT {count}),
            visits AS (
                INSERT INTO homecare_visit (elder_id, team_id, organization_id, township_code, county_code, planned_date, source, status,
                                            checked_in_at, created_by_user, staff_user, created_at, updated_at, version)
                SELECT elder_id, team_id, organization_id, township_code, county_code, current_date, 2, 2, now(), 'bench', 'benchadmin', now(), now(), 0
                FROM picked RETURNING id, county_code),
            services AS (
                INSERT INTO homecare_visit_service (visit_id, service_code, service_name, planned, status, recorded_at, county_code)
                SELECT v.id, s.code, s.name, true, 1, now(), v.county_code
                FROM visits v CROSS JOIN (VALUES ('FD-HV', '上门巡诊'), ('FD-BP', '血压测量'), ('HC-DRESS', '换药')) AS s(code, name)
                RETURNING visit_id)
            SELECT DISTINCT visit_id FROM services ORDER BY visit_id
            """, c);
        var ids = new List<long>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) ids.Add(r.GetInt64(0));
        await File.WriteAllLinesAsync(output, ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        Console.Error.WriteLine($"prepare-visits: {ids.Count} visits");
        return ids.Count > 0 ? 0 : 1;
    }

    /// <summary>
    /// Baseline of the indicator benchmark: the five counts behind 老年人健康管理率, 中医药健康管理率 and the disabled
    /// elders' assessment coverage for a region and year, in plain SQL on one connection, repeated for S seconds.
    /// </summary>
    public static async Task<int> RawIndicatorsAsync(string[] args)
    {
        var conn = Arg(args, "--conn");
        var region = Arg(args, "--region");
        var year = int.Parse(Arg(args, "--year"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Arg(args, "--seconds", "10"), CultureInfo.InvariantCulture);
        var filter = region.Length switch { 9 => "e.township_code = $1", 6 => "e.county_code = $1", _ => "e.county_code LIKE $1 || '%'" };
        var sql = $"""
            SELECT count(*) FROM elders_elder e WHERE {filter} AND e.birth_date <= $2;
            SELECT count(*) FROM elders_elder e WHERE {filter} AND e.birth_date <= $2
              AND EXISTS (SELECT 1 FROM healthmgmt_check c WHERE c.elder_id = e.id AND c.year = $3 AND c.complete);
            SELECT count(*) FROM elders_elder e WHERE {filter} AND e.birth_date <= $2
              AND EXISTS (SELECT 1 FROM healthmgmt_tcm t WHERE t.elder_id = e.id AND t.year = $3 AND t.complete);
            SELECT count(*) FROM elders_elder e WHERE {filter} AND (e.flags & 1) <> 0;
            SELECT count(*) FROM elders_elder e WHERE {filter} AND (e.flags & 1) <> 0
              AND EXISTS (SELECT 1 FROM assessments_assessment a WHERE a.elder_id = e.id AND a.instrument_code IN ('gbt42195-2022', 'ltc-2021')
                          AND a.status IN (2, 3) AND a.assessed_on >= make_date($2, 1, 1) AND a.assessed_on <= make_date($2, 12, 31));
            """;
        await using var c = new NpgsqlConnection(conn);
        await c.OpenAsync();
        var latest = new DateOnly(year - 65, 12, 31);
        var times = new List<double>();
        var stop = Stopwatch.StartNew();
        while (stop.Elapsed.TotalSeconds < seconds || times.Count < 3)
        {
            var sw = Stopwatch.StartNew();
            await using var batch = new NpgsqlBatch(c);
            foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var cmd = new NpgsqlBatchCommand(statement);
                cmd.Parameters.Add(new NpgsqlParameter { Value = region });
                if (statement.Contains("make_date($2", StringComparison.Ordinal)) cmd.Parameters.Add(new NpgsqlParameter { Value = year });
                else if (statement.Contains("$2", StringComparison.Ordinal)) cmd.Parameters.Add(new NpgsqlParameter { Value = latest });
                if (statement.Contains("$3", StringComparison.Ordinal)) cmd.Parameters.Add(new NpgsqlParameter { Value = year });
                batch.BatchCommands.Add(cmd);
            }
            await using (var r = await batch.ExecuteReaderAsync())
                do { while (await r.ReadAsync()) { } } while (await r.NextResultAsync());
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        var sorted = times.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"raw-indicators region={region} runs={sorted.Length} p50_ms={P(0.50):F1} p95_ms={P(0.95):F1}"));
        return 0;
    }
}
