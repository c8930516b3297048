using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using Yiyang.Platform.Identifiers;
using Yiyang.Platform.Regions;

// Benchmark helpers (not part of the product):
//   elders-csv --count N [--seed 42] [--region 610202] --out FILE   deterministic elder CSV in the import format
//   raw-copy --conn CS --file FILE                                   baseline: PostgreSQL COPY of the same rows into a bare table
//   lookup-sample --conn CS --count N --out DIR                      random elders for the lookup benchmark (ids, ID numbers, name prefixes)
//   raw-lookup --conn CS --dir DIR --kind id|idnumber|name --connections C --seconds S
//                                                                    baseline: the product's indexed lookup queries through raw Npgsql
//   prepare-visits --conn CS --count N --out FILE                    checked-in visits with their services done, ready to complete
//   raw-http --conn CS --port P                                        baseline: the lookup SQL behind a bare HTTP server (wrk drives both)
//   raw-indicators --conn CS --region CODE --year Y --seconds S      baseline: the 65+ / TCM / disabled-assessment counts in raw SQL
//   audit-writer --conn CS [--rate 2000] [--seconds 5]               the audit writer alone, fed queued read entries at a rate: CPU per entry, batches
return args.FirstOrDefault() switch
{
    "elders-csv" => EldersCsv(args),
    "raw-copy" => await RawCopy(args),
    "lookup-sample" => await Lookup.SampleAsync(args),
    "raw-lookup" => await Lookup.RawAsync(args),
    "prepare-visits" => await Lookup.PrepareVisitsAsync(args),
    "raw-indicators" => await Lookup.RawIndicatorsAsync(args),
    "raw-http" => await RawHttp.RunAsync(args),
    "audit-writer" => await AuditWriter.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: elders-csv --count N [--seed 42] [--region 610202] --out FILE | raw-copy --conn CS --file FILE");
    return 2;
}

static string Arg(string[] args, string name, string? fallback = null)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"missing {name}");
}

static int EldersCsv(string[] args)
{
    var count = int.Parse(Arg(args, "--count"), CultureInfo.InvariantCulture);
    var seed = int.Parse(Arg(args, "--seed", "42"), CultureInfo.InvariantCulture);
    var region = Arg(args, "--region", "610202");
    var output = Arg(args, "--out");
    var regions = new RegionCatalog();
    var townships = regions.TownshipsUnder(region).Select(t => t.Code).ToArray();
    if (townships.Length == 0) throw new ArgumentException($"no townships under {region}");
    var rng = new Random(seed);
    string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
    string[] given = ["建国", "秀英", "桂兰", "德明", "玉兰", "永胜", "淑珍", "长青", "凤英", "福生", "秀兰", "新民"];
    string[] flagSets = ["", "慢性病", "失能;慢性病", "独居", "高龄;慢性病", "残疾", "失智;失能", "空巢;慢性病"];
    var start = new DateOnly(1930, 1, 1);
    var sw = Stopwatch.StartNew();
    using var w = new StreamWriter(output, false, new UTF8Encoding(false), 1 << 20);
    w.Write("姓名,身份证号,电话,乡镇代码,地址,风险标识\n");
    for (var i = 0; i < count; i++)
    {
        // unique by construction: (birth date, sequence) walks 12,000 days × 500 sequences = 6M distinct IDs
        var birth = start.AddDays(i / 500 % 12_000);
        var seq = i % 500 * 2 + (i / 6_000_000 % 2);
        var township = townships[i % townships.Length];
        var body = township[..6] + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + seq.ToString("D3", CultureInfo.InvariantCulture);
        var id = body + ChineseIdNumber.CheckCharacter(body);
        var phone = "13" + (i % 10) + (10_000_000 + i % 90_000_000).ToString(CultureInfo.InvariantCulture);
        w.Write(surnames[rng.Next(surnames.Length)]);
        w.Write(given[rng.Next(given.Length)]);
        w.Write(',');
        w.Write(id);
        w.Write(',');
        w.Write(phone);
        w.Write(',');
        w.Write(township);
        w.Write(",幸福路");
        w.Write(rng.Next(1, 300).ToString(CultureInfo.InvariantCulture));
        w.Write("号,");
        w.Write(flagSets[rng.Next(flagSets.Length)]);
        w.Write('\n');
    }
    Console.Error.WriteLine($"wrote {count:N0} rows to {output} in {sw.Elapsed.TotalSeconds:N1} s");
    return 0;
}

static async Task<int> RawCopy(string[] args)
{
    var conn = Arg(args, "--conn");
    var file = Arg(args, "--file");
    await using var c = new NpgsqlConnection(conn);
    await c.OpenAsync();
    await using (var cmd = new NpgsqlCommand(
        "DROP TABLE IF EXISTS bench_raw_elder; CREATE TABLE bench_raw_elder (name text, id_number text, phone text, township_code text, address text, flags text)", c))
        await cmd.ExecuteNonQueryAsync();
    var sw = Stopwatch.StartNew();
    long rows;
    await using (var writer = await c.BeginTextImportAsync("COPY bench_raw_elder FROM STDIN (FORMAT csv, HEADER true)"))
    using (var reader = new StreamReader(file, Encoding.UTF8))
    {
        var buffer = new char[1 << 16];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0) await writer.WriteAsync(buffer, 0, n);
    }
    await using (var cmd = new NpgsqlCommand("SELECT count(*) FROM bench_raw_elder", c)) rows = (long)(await cmd.ExecuteScalarAsync())!;
    var seconds = sw.Elapsed.TotalSeconds;
    Console.WriteLine($"raw-copy rows={rows} seconds={seconds.ToString("F3", CultureInfo.InvariantCulture)} rows_per_s={(rows / seconds).ToString("F0", CultureInfo.InvariantCulture)}");
    return 0;
}
