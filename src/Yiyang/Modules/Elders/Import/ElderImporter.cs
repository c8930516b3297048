using System.Text.Json;
using Yiyang.Platform.Identifiers;

namespace Yiyang.Modules.Elders.Import;

/// <summary>
/// Imports elders from CSV, streaming: a first pass reads, parses and validates the file in chunks and keeps one bit per
/// row (<see cref="ImportScan"/>); a malformed file is refused there and changes nothing. The second pass reads the file
/// again and writes the marked rows in chunks, in one transaction. Memory stays bounded whatever the file's size: no
/// more than a chunk of rows at a time, the ID numbers of the file as 8-byte keys (duplicates within the file), and the
/// first <see cref="MaxReportedErrors"/> row errors (then totals). Rows whose ID number is already registered are skipped,
/// so re-importing a file creates no duplicates.
/// Columns (Chinese or English headers): 姓名/name, 身份证号/idNumber, 电话/phone, 乡镇代码/townshipCode, 地址/address,
/// 医保类型/insuranceType, 居民健康卡号/healthCardNo, 风险标识/flags (separated by ; or 、), 联系人/contactName,
/// 联系人关系/contactRelation, 联系人电话/contactPhone, 责任机构信用代码/organizationCreditCode.
/// </summary>
public sealed class ElderImporter(YiyangDb db, PiiProtector pii, RegionCatalog regions, AuditTrail audit, CurrentUser user, TimeProvider clock)
{
    private static readonly System.Diagnostics.Metrics.Meter Meter = new("Yiyang.Import");
    private static readonly System.Diagnostics.Metrics.Counter<long> Rows = Meter.CreateCounter<long>("yiyang.import.rows");

    public const int MaxRows = 2_000_000;

    /// <summary>Row errors reported one by one; beyond them only the totals.</summary>
    public const int MaxReportedErrors = 1000;

    private const int ValidationChunk = 20_000;
    private const string ImportedSummary = "批量导入登记为服务对象";

    /// <param name="content">The file, seekable (it is read twice): a file stream, or the upload spooled to a private temporary file.</param>
    public async Task<ImportResult> ImportAsync(Stream content, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        user.Demand(ElderPolicies.Import);
        if (content.Length == 0) throw Malformed("文件是空的。");
        var orgIds = await OrganizationIdsAsync(ct);
        var today = clock.ChinaToday();
        var timings = new ImportTimings();
        var scan = Scan(content, orgIds, today, timings, ct);

        var (imported, skipped) = await WriteAsync(content, scan, orgIds, today, timings, progress, ct);
        LastTimings = timings;
        Rows.Add(imported, new KeyValuePair<string, object?>("outcome", "imported"));
        Rows.Add(skipped, new KeyValuePair<string, object?>("outcome", "skipped"));
        Rows.Add(scan.InvalidLines, new KeyValuePair<string, object?>("outcome", "invalid"));
        await audit.RecordAsync("elder.import", "import", null, null,
            $"rows={scan.Rows}; imported={imported}; skipped={skipped}; invalid={scan.InvalidLines}; encoding={scan.Encoding}");
        return new ImportResult(scan.Rows, imported, skipped, scan.InvalidLines, scan.Encoding, scan.Errors, scan.ErrorCount,
            scan.ErrorCount > scan.Errors.Count);
    }

    /// <summary>The first pass, as UTF-8 and — if the bytes are not UTF-8 — again as GBK; a malformed file is a 400.</summary>
    private ImportScan Scan(Stream content, Dictionary<string, long> orgIds, DateOnly today, ImportTimings timings, CancellationToken ct)
    {
        try
        {
            try { return ScanAs(content, gbk: false, orgIds, today, timings, ct); }
            catch (System.Text.DecoderFallbackException) { }
            try { return ScanAs(content, gbk: true, orgIds, today, timings, ct); }
            catch (System.Text.DecoderFallbackException) { throw Malformed("文件编码无法识别，请保存为 UTF-8 或 GBK 编码的 CSV 文件。"); }
        }
        catch (MalformedCsvException e) { throw Malformed(e.Message); }
    }

    private ImportScan ScanAs(Stream content, bool gbk, Dictionary<string, long> orgIds, DateOnly today, ImportTimings timings, CancellationToken ct)
    {
        var total = System.Diagnostics.Stopwatch.StartNew();
        var validation = TimeSpan.Zero;
        using var reader = CsvReader.Open(content, gbk, out var encoding);
        using var records = CsvReader.Parse(reader).GetEnumerator();
        if (!records.MoveNext()) throw Malformed("文件是空的。");
        var scan = Header(records.Current.Fields, encoding, gbk);
        var chunk = new List<(int Line, string[] Fields)>(ValidationChunk);
        while (true)
        {
            chunk.Clear();
            while (chunk.Count < ValidationChunk && records.MoveNext()) chunk.Add(records.Current);
            if (chunk.Count == 0) break;
            if (scan.Rows + chunk.Count > MaxRows) throw Malformed($"单个文件最多 {MaxRows} 行，请拆分后导入。");
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var outcomes = ValidateChunk(chunk, scan, orgIds, today, ct);
            validation += sw.Elapsed;
            foreach (var o in outcomes)
            {
                var index = scan.Count();
                if (o.Errors is { } rowErrors) scan.Invalid(rowErrors);
                else if (o.Elder is not null) scan.Valid(index, o.Line, o.Elder.Id!.Normalized); // else: a blank line
            }
        }
        timings.Validate = validation;
        timings.Parse = total.Elapsed - validation;
        return scan;
    }

    /// <summary>The header row mapped to the known columns; the required ones must be there.</summary>
    private static ImportScan Header(string[] fields, string encoding, bool gbk)
    {
        var header = fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            if (ImportColumns.ByHeader.TryGetValue(header[i], out var key)) columns.TryAdd(key, i);
        }
        var missing = new[] { "name", "idNumber", "townshipCode" }.Where(k => !columns.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw Malformed("表头缺少必需的列：" + string.Join("、", missing.Select(m => m switch { "name" => "姓名", "idNumber" => "身份证号", _ => "乡镇代码" })) + "。");
        return new ImportScan(encoding, gbk, header, columns);
    }

    /// <summary>Every organization by credit code (a few thousand in a city): rows name their 责任机构 by it.</summary>
    private async Task<Dictionary<string, long>> OrganizationIdsAsync(CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var o in await db.Organizations.AsNoTracking().Select(o => new { o.CreditCode, o.Id }).ToListAsync(ct))
            ids.TryAdd(o.CreditCode.ToUpperInvariant(), o.Id);
        return ids;
    }

    /// <summary>Validation is pure per row: it runs on every core, each row's outcome in its own slot (file order kept).</summary>
    private ImportRow.Outcome[] ValidateChunk(List<(int Line, string[] Fields)> chunk, ImportScan scan, Dictionary<string, long> orgIds, DateOnly today,
        CancellationToken ct)
    {
        var isStaff = user.Can(ElderPolicies.OwnOrganizationOnly);
        var staffOrg = user.OrganizationId;
        var outcomes = new ImportRow.Outcome[chunk.Count];
        Parallel.For(0, chunk.Count, new ParallelOptions { CancellationToken = ct }, i =>
            outcomes[i] = ImportRow.Validate(chunk[i].Line, chunk[i].Fields, scan.Header.Length, scan.Columns, orgIds, isStaff, staffOrg, regions, today));
        return outcomes;
    }

    /// <summary>
    /// The second pass: reads the file again and writes the rows the scan marked, in chunks, in one transaction; the rows
    /// already registered are skipped. The next chunk is parsed, validated, hashed and encrypted on the other cores while
    /// the database writes the current one.
    /// </summary>
    private async Task<(int Imported, int Skipped)> WriteAsync(Stream content, ImportScan scan, Dictionary<string, long> orgIds, DateOnly today,
        ImportTimings timings, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        int imported = 0, skipped = 0, done = 0;
        var now = clock.GetUtcNow();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        using var reader = CsvReader.Open(content, scan.Gbk, out _);
        using var records = CsvReader.Parse(reader).GetEnumerator();
        records.MoveNext(); // the header
        var size = db.IsSqlite ? 1000 : 5000;
        var index = 0;
        var isStaff = user.Can(ElderPolicies.OwnOrganizationOnly);
        var staffOrg = user.OrganizationId;
        // one task at a time reads the enumerator: the next starts once the previous has finished
        Task<Prepared?> PrepareNextAsync() => Task.Run(() =>
        {
            var rows = new List<(int Line, string[] Fields)>(size);
            while (rows.Count < size && records.MoveNext())
            {
                if (scan.IsValid(index++)) rows.Add(records.Current);
            }
            return rows.Count == 0 ? null
                : Prepare(rows, r => ImportRow.Validate(r.Line, r.Fields, scan.Header.Length, scan.Columns, orgIds, isStaff, staffOrg, regions, today), pii, now);
        }, ct);
        var next = PrepareNextAsync();
        while (true)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var prepared = await next;
            timings.WaitForPrepare += sw.Elapsed;
            if (prepared is null) break;
            next = PrepareNextAsync();
            sw.Restart();
            var (added, existed) = db.IsSqlite
                ? await WriteChunkSqliteAsync(prepared, now, timings, sw, ct)
                : await WriteChunkPostgresAsync(prepared, now, timings, ct);
            imported += added;
            skipped += existed;
            timings.Write += sw.Elapsed;
            done += prepared.Records.Length;
            progress?.Report((done, scan.ValidCount));
        }
        var commit = System.Diagnostics.Stopwatch.StartNew();
        await tx.CommitAsync(ct);
        timings.Write += commit.Elapsed;
        timings.Commit = commit.Elapsed;
        return (imported, skipped);
    }

    private async Task<(int Imported, int Skipped)> WriteChunkSqliteAsync(Prepared prepared, DateTimeOffset now, ImportTimings timings,
        System.Diagnostics.Stopwatch sw, CancellationToken ct)
    {
        var hashes = prepared.Hashes;
        var existing = (await db.Elders.AsNoTracking().Where(e => hashes.Contains(e.IdNumberHash)).Select(e => e.IdNumberHash).ToListAsync(ct))
            .Select(Convert.ToHexString).ToHashSet();
        timings.ExistsCheck += sw.Elapsed;
        sw.Restart();
        var skipped = 0;
        var batch = new List<Elder>(prepared.Records.Length);
        for (var i = 0; i < prepared.Records.Length; i++)
        {
            if (existing.Count > 0 && existing.Contains(Convert.ToHexString(hashes[i]))) { skipped++; continue; }
            batch.Add(prepared.Records[i]);
        }
        db.Elders.AddRange(batch);
        await db.SaveChangesAsync(ct);
        db.TimelineEvents.AddRange(batch.Select(e => new TimelineEvent
        {
            ElderId = e.Id,
            At = now,
            Kind = "elder.registered",
            Module = "elders",
            Summary = ImportedSummary,
            Actor = user.UserName,
        }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (batch.Count, skipped);
    }

    /// <summary>
    /// All new (the usual case): COPY straight into the table; otherwise COPY into a session-local staging table, then
    /// one INSERT … ON CONFLICT (id_number_hash) DO NOTHING: the unique index itself decides what already exists (also a
    /// registration racing the import), and the new ids come back for the timeline rows, written by COPY too.
    /// </summary>
    private async Task<(int Imported, int Skipped)> WriteChunkPostgresAsync(Prepared prepared, DateTimeOffset now, ImportTimings timings, CancellationToken ct)
    {
        IReadOnlyList<long> ids = (IReadOnlyList<long>?)await PostgresBulk.TryInsertAllNewEldersAsync(db, prepared.Records, ct)
                                  ?? await PostgresBulk.InsertEldersSkippingExistingAsync(db, prepared.Records, ct);
        var timeline = System.Diagnostics.Stopwatch.StartNew();
        await PostgresBulk.InsertTimelineAsync(db, ids, now, "elder.registered", "elders", ImportedSummary, user.UserName, ct);
        timings.Timeline += timeline.Elapsed;
        return (ids.Count, prepared.Records.Length - ids.Count);
    }

    /// <summary>Where the last import spent its time (the verb prints it; the benchmark reads it).</summary>
    public ImportTimings? LastTimings { get; private set; }

    private sealed record Prepared(byte[][] Hashes, Elder[] Records);

    private static Prepared Prepare(List<(int Line, string[] Fields)> rows, Func<(int Line, string[] Fields), ImportRow.Outcome> validate,
        PiiProtector pii, DateTimeOffset now)
    {
        var hashes = new byte[rows.Count][];
        var records = new Elder[rows.Count];
        // one core is left to the database's COPY, which runs at the same time on its single backend
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount - 1) }, i =>
        {
            // valid in the first pass, and validation is pure: the same row is valid again
            var o = validate(rows[i]);
            records[i] = ElderRecord.Create(o.Elder!, o.OrgId, pii, now);
            hashes[i] = records[i].IdNumberHash;
        });
        return new Prepared(hashes, records);
    }

    private static BusinessRuleException Malformed(string message) =>
        new("malformed-file", "文件格式不正确，未导入任何数据：" + message, StatusCodes.Status400BadRequest);
}
