using System.Text.Json;
using Yiyang.Platform.Identifiers;

namespace Yiyang.Modules.Elders.Import;

/// <summary>
/// Imports elders from CSV. The file is parsed and validated completely before anything is written: a malformed
/// file changes nothing; valid rows are inserted in one transaction; invalid rows come back as {line, field,
/// message}; rows whose ID number is already registered are skipped, so re-importing a file creates no duplicates.
/// Columns (Chinese or English headers): 姓名/name, 身份证号/idNumber, 电话/phone, 乡镇代码/townshipCode, 地址/address,
/// 医保类型/insuranceType, 居民健康卡号/healthCardNo, 风险标识/flags (separated by ; or 、), 联系人/contactName,
/// 联系人关系/contactRelation, 联系人电话/contactPhone, 责任机构信用代码/organizationCreditCode.
/// </summary>
public sealed class ElderImporter(YiyangDb db, PiiProtector pii, RegionCatalog regions, AuditTrail audit, CurrentUser user, TimeProvider clock)
{
    private static readonly System.Diagnostics.Metrics.Meter Meter = new("Yiyang.Import");
    private static readonly System.Diagnostics.Metrics.Counter<long> Rows = Meter.CreateCounter<long>("yiyang.import.rows");

    public const int MaxRows = 2_000_000;
    private const string ImportedSummary = "批量导入登记为服务对象";

    public async Task<ImportResult> ImportAsync(byte[] content, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        user.Demand(ElderPolicies.Import);
        var phase = System.Diagnostics.Stopwatch.StartNew();
        var file = Read(content);
        var orgIds = await OrganizationIdsAsync(file, ct);
        var timings = new ImportTimings { Parse = phase.Elapsed };
        var (errors, valid) = ValidateAll(file, orgIds, clock.ChinaToday(), ct);
        timings.Validate = phase.Elapsed - timings.Parse;

        var (imported, skipped) = await WriteAsync(valid, timings, progress, ct);
        LastTimings = timings;
        var invalidLines = errors.Select(e => e.Line).Distinct().Count();
        Rows.Add(imported, new KeyValuePair<string, object?>("outcome", "imported"));
        Rows.Add(skipped, new KeyValuePair<string, object?>("outcome", "skipped"));
        Rows.Add(invalidLines, new KeyValuePair<string, object?>("outcome", "invalid"));
        await audit.RecordAsync("elder.import", "import", null, null,
            $"rows={file.Records.Count - 1}; imported={imported}; skipped={skipped}; invalid={invalidLines}; encoding={file.Encoding}");
        return new ImportResult(file.Records.Count - 1, imported, skipped, invalidLines, file.Encoding, errors.OrderBy(e => e.Line).ToList());
    }

    /// <summary>A decoded and parsed file: its records (the first is the header) and the known columns by key.</summary>
    private sealed record CsvFile(string Encoding, List<(int Line, string[] Fields)> Records, string[] Header, Dictionary<string, int> Columns);

    /// <summary>Decodes and parses the file and maps its header; a malformed file is a 400 and nothing is written.</summary>
    private static CsvFile Read(byte[] content)
    {
        if (content.Length == 0) throw Malformed("文件是空的。");
        string encoding;
        List<(int Line, string[] Fields)> records;
        try
        {
            var text = CsvReader.Decode(content, out encoding);
            records = CsvReader.Parse(text).ToList();
        }
        catch (MalformedCsvException e) { throw Malformed(e.Message); }
        if (records.Count == 0) throw Malformed("文件是空的。");
        var header = records[0].Fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            if (ImportColumns.ByHeader.TryGetValue(header[i], out var key)) columns.TryAdd(key, i);
        }
        var missing = new[] { "name", "idNumber", "townshipCode" }.Where(k => !columns.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw Malformed("表头缺少必需的列：" + string.Join("、", missing.Select(m => m switch { "name" => "姓名", "idNumber" => "身份证号", _ => "乡镇代码" })) + "。");
        if (records.Count - 1 > MaxRows) throw Malformed($"单个文件最多 {MaxRows} 行，请拆分后导入。");
        return new CsvFile(encoding, records, header, columns);
    }

    /// <summary>The organizations referenced by credit code, resolved once.</summary>
    private async Task<Dictionary<string, long>> OrganizationIdsAsync(CsvFile file, CancellationToken ct)
    {
        var orgCodes = file.Columns.TryGetValue("organizationCreditCode", out var orgCol)
            ? file.Records.Skip(1).Select(r => orgCol < r.Fields.Length ? r.Fields[orgCol].Trim().ToUpperInvariant() : "").Where(s => s.Length > 0).Distinct().ToList()
            : [];
        return orgCodes.Count == 0 ? new Dictionary<string, long>()
            : await db.Organizations.AsNoTracking().Where(o => orgCodes.Contains(o.CreditCode)).ToDictionaryAsync(o => o.CreditCode, o => o.Id, ct);
    }

    /// <summary>
    /// Validation is pure per row: it runs on every core, each row's outcome in its own slot so that the report keeps
    /// file order; duplicates within the file are then found in one ordered pass.
    /// </summary>
    private (List<ImportRowError> Errors, List<(int Line, ValidElder Elder, long? OrgId)> Valid) ValidateAll(
        CsvFile file, Dictionary<string, long> orgIds, DateOnly today, CancellationToken ct)
    {
        var isStaff = user.Can(ElderPolicies.OwnOrganizationOnly);
        var staffOrg = user.OrganizationId;
        var records = file.Records;
        var outcomes = new RowOutcome[records.Count - 1];
        Parallel.For(0, outcomes.Length, new ParallelOptions { CancellationToken = ct }, i =>
            outcomes[i] = ValidateRow(records[i + 1].Line, records[i + 1].Fields, file.Header.Length, file.Columns, orgIds, isStaff, staffOrg, regions, today));
        var errors = new List<ImportRowError>();
        var valid = new List<(int Line, ValidElder Elder, long? OrgId)>();
        var seen = new Dictionary<string, int>();
        foreach (var o in outcomes)
        {
            if (o.Errors is { } rowErrors) { errors.AddRange(rowErrors); continue; }
            if (o.Elder is null) continue; // blank line
            if (seen.TryGetValue(o.Elder.Id!.Normalized, out var firstLine))
            {
                errors.Add(new ImportRowError(o.Line, "idNumber", $"与第 {firstLine} 行的身份证号重复。"));
                continue;
            }
            seen[o.Elder.Id.Normalized] = o.Line;
            valid.Add((o.Line, o.Elder, o.OrgId));
        }
        return (errors, valid);
    }

    /// <summary>Writes the valid rows in chunks, in one transaction; the rows already registered are skipped.</summary>
    private async Task<(int Imported, int Skipped)> WriteAsync(List<(int Line, ValidElder Elder, long? OrgId)> valid, ImportTimings timings,
        IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var imported = 0;
        var skipped = 0;
        var now = clock.GetUtcNow();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.BeginUseCaseTransactionAsync(ct);
        var done = 0;
        var chunks = valid.Chunk(db.IsSqlite ? 1000 : 5000).ToList();
        // the next chunk's keyed hashes and encrypted records are prepared on the other cores while the current
        // chunk is being written by the database
        Task<Prepared> PrepareAsync(int i) => Task.Run(() => Prepare(chunks[i], pii, now), ct);
        var next = chunks.Count > 0 ? PrepareAsync(0) : null;
        for (var c = 0; c < chunks.Count; c++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var prepared = await next!;
            timings.WaitForPrepare += sw.Elapsed;
            next = c + 1 < chunks.Count ? PrepareAsync(c + 1) : null;
            sw.Restart();
            var (added, existed) = db.IsSqlite
                ? await WriteChunkSqliteAsync(prepared, now, timings, sw, ct)
                : await WriteChunkPostgresAsync(prepared, now, timings, ct);
            imported += added;
            skipped += existed;
            timings.Write += sw.Elapsed;
            done += chunks[c].Length;
            progress?.Report((done, valid.Count));
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

    private sealed record RowOutcome(int Line, ValidElder? Elder, long? OrgId, List<ImportRowError>? Errors);

    private sealed record Prepared(byte[][] Hashes, Elder[] Records);

    private static Prepared Prepare((int Line, ValidElder Elder, long? OrgId)[] chunk, PiiProtector pii, DateTimeOffset now)
    {
        var hashes = new byte[chunk.Length][];
        var records = new Elder[chunk.Length];
        // one core is left to the database's COPY, which runs at the same time on its single backend
        Parallel.For(0, chunk.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount - 1) }, i =>
        {
            var (_, v, orgId) = chunk[i];
            records[i] = ElderRecord.Create(v, orgId, pii, now);
            hashes[i] = records[i].IdNumberHash;
        });
        return new Prepared(hashes, records);
    }

    private static RowOutcome ValidateRow(int line, string[] fields, int columnCount, Dictionary<string, int> columns,
        Dictionary<string, long> orgIds, bool isStaff, long? staffOrg, RegionCatalog regions, DateOnly today)
    {
        if (fields.All(string.IsNullOrWhiteSpace)) return new RowOutcome(line, null, null, null);
        if (fields.Length != columnCount)
            return new RowOutcome(line, null, null, [new ImportRowError(line, "*", $"该行有 {fields.Length} 列，表头有 {columnCount} 列。")]);
        string? F(string key) => columns.TryGetValue(key, out var idx) ? fields[idx] : null;
        var contactName = F("contactName");
        var input = new ElderInput
        {
            Name = F("name"),
            IdNumber = F("idNumber"),
            Phone = F("phone"),
            TownshipCode = F("townshipCode")?.Trim(),
            Address = F("address"),
            InsuranceType = F("insuranceType"),
            HealthCardNo = F("healthCardNo"),
            Flags = (F("flags") ?? "").Split([';', '；', '、', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            Contacts = string.IsNullOrWhiteSpace(contactName) && string.IsNullOrWhiteSpace(F("contactPhone")) ? []
                : [new ContactInput(contactName, F("contactRelation"), F("contactPhone"))],
        };
        long? orgId = null;
        var orgCode = F("organizationCreditCode")?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(orgCode))
        {
            if (orgIds.TryGetValue(orgCode, out var oid)) orgId = oid;
            else return new RowOutcome(line, null, null, [new ImportRowError(line, "organizationCreditCode", "责任机构信用代码未登记。")]);
        }
        if (isStaff)
        {
            if (orgId is not null && orgId != staffOrg)
                return new RowOutcome(line, null, null, [new ImportRowError(line, "organizationCreditCode", "只能导入本机构负责的服务对象。")]);
            orgId = staffOrg;
        }
        try
        {
            return new RowOutcome(line, ElderValidation.Validate(input, regions, today, idRequired: true), orgId, null);
        }
        catch (ValidationFailedException e)
        {
            var list = new List<ImportRowError>();
            foreach (var (field, messages) in e.Errors)
                foreach (var m in messages)
                    list.Add(new ImportRowError(line, field.StartsWith("contacts", StringComparison.Ordinal) ? "contact" : field, m));
            return new RowOutcome(line, null, null, list);
        }
    }

    private static BusinessRuleException Malformed(string message) =>
        new("malformed-file", "文件格式不正确，未导入任何数据：" + message, StatusCodes.Status400BadRequest);
}
