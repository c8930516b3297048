using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Identifiers;
using Yiyang.Platform.Regions;
using Yiyang.Platform.Security;

namespace Yiyang.Modules.Elders.Import;

public sealed record ImportRowError(int Line, string Field, string Message);

public sealed record ImportResult(int Rows, int Imported, int Skipped, int Invalid, string Encoding, IReadOnlyList<ImportRowError> Errors);

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

    private static readonly Dictionary<string, string> HeaderMap = new(StringComparer.OrdinalIgnoreCase)
    {
        ["姓名"] = "name",
        ["name"] = "name",
        ["身份证号"] = "idNumber",
        ["身份证号码"] = "idNumber",
        ["idnumber"] = "idNumber",
        ["电话"] = "phone",
        ["联系电话"] = "phone",
        ["phone"] = "phone",
        ["乡镇代码"] = "townshipCode",
        ["乡镇（街道）代码"] = "townshipCode",
        ["townshipcode"] = "townshipCode",
        ["地址"] = "address",
        ["住址"] = "address",
        ["address"] = "address",
        ["医保类型"] = "insuranceType",
        ["insurancetype"] = "insuranceType",
        ["居民健康卡号"] = "healthCardNo",
        ["healthcardno"] = "healthCardNo",
        ["风险标识"] = "flags",
        ["flags"] = "flags",
        ["联系人"] = "contactName",
        ["contactname"] = "contactName",
        ["联系人关系"] = "contactRelation",
        ["contactrelation"] = "contactRelation",
        ["联系人电话"] = "contactPhone",
        ["contactphone"] = "contactPhone",
        ["责任机构信用代码"] = "organizationCreditCode",
        ["organizationcreditcode"] = "organizationCreditCode",
    };

    public const int MaxRows = 2_000_000;
    private const string ImportedSummary = "批量导入登记为服务对象";

    public async Task<ImportResult> ImportAsync(byte[] content, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        if (!Platform.Security.Policies.Map[Platform.Security.Policies.Import].Contains(user.Role)) throw new ForbiddenException();
        if (content.Length == 0) throw Malformed("文件是空的。");
        string text;
        string encoding;
        List<(int Line, string[] Fields)> records;
        try
        {
            text = CsvReader.Decode(content, out encoding);
            records = CsvReader.Parse(text).ToList();
        }
        catch (MalformedCsvException e) { throw Malformed(e.Message); }
        if (records.Count == 0) throw Malformed("文件是空的。");
        var header = records[0].Fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            if (HeaderMap.TryGetValue(header[i], out var key)) columns.TryAdd(key, i);
        }
        var missing = new[] { "name", "idNumber", "townshipCode" }.Where(k => !columns.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw Malformed("表头缺少必需的列：" + string.Join("、", missing.Select(m => m switch { "name" => "姓名", "idNumber" => "身份证号", _ => "乡镇代码" })) + "。");
        if (records.Count - 1 > MaxRows) throw Malformed($"单个文件最多 {MaxRows} 行，请拆分后导入。");

        // organizations referenced by credit code, resolved once
        var orgCodes = columns.TryGetValue("organizationCreditCode", out var orgCol)
            ? records.Skip(1).Select(r => orgCol < r.Fields.Length ? r.Fields[orgCol].Trim().ToUpperInvariant() : "").Where(s => s.Length > 0).Distinct().ToList()
            : [];
        var orgIds = orgCodes.Count == 0 ? new Dictionary<string, long>()
            : await db.Organizations.AsNoTracking().Where(o => orgCodes.Contains(o.CreditCode)).ToDictionaryAsync(o => o.CreditCode, o => o.Id, ct);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var errors = new List<ImportRowError>();
        var valid = new List<(int Line, ValidElder Elder, long? OrgId)>();
        var seen = new Dictionary<string, int>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            if (fields.Length != header.Length)
            {
                errors.Add(new ImportRowError(line, "*", $"该行有 {fields.Length} 列，表头有 {header.Length} 列。"));
                continue;
            }
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
                else { errors.Add(new ImportRowError(line, "organizationCreditCode", "责任机构信用代码未登记。")); continue; }
            }
            if (Roles.InstitutionStaff.Contains(user.Role))
            {
                if (orgId is not null && orgId != user.OrganizationId)
                {
                    errors.Add(new ImportRowError(line, "organizationCreditCode", "只能导入本机构负责的服务对象。"));
                    continue;
                }
                orgId = user.OrganizationId;
            }
            try
            {
                var v = ElderValidation.Validate(input, regions, today, idRequired: true);
                if (seen.TryGetValue(v.Id!.Normalized, out var firstLine))
                {
                    errors.Add(new ImportRowError(line, "idNumber", $"与第 {firstLine} 行的身份证号重复。"));
                    continue;
                }
                seen[v.Id.Normalized] = line;
                valid.Add((line, v, orgId));
            }
            catch (ValidationFailedException e)
            {
                foreach (var (field, messages) in e.Errors)
                    foreach (var m in messages)
                        errors.Add(new ImportRowError(line, field.StartsWith("contacts", StringComparison.Ordinal) ? "contact" : field, m));
            }
        }

        var imported = 0;
        var skipped = 0;
        var now = clock.GetUtcNow();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var done = 0;
            foreach (var chunk in valid.Chunk(db.IsSqlite ? 1000 : 5000))
            {
                var hashes = chunk.Select(c => pii.Hash(ElderRecord.IdHashPurpose, c.Elder.Id!.Normalized)).ToList();
                var existing = (await db.Elders.AsNoTracking().Where(e => hashes.Contains(e.IdNumberHash)).Select(e => e.IdNumberHash).ToListAsync(ct))
                    .Select(Convert.ToHexString).ToHashSet();
                var batch = new List<Elder>(chunk.Length);
                for (var i = 0; i < chunk.Length; i++)
                {
                    if (existing.Contains(Convert.ToHexString(hashes[i]))) { skipped++; continue; }
                    var (_, v, orgId) = chunk[i];
                    batch.Add(ElderRecord.Create(v, orgId, pii, now));
                }
                if (db.IsSqlite)
                {
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
                }
                else
                {
                    await PostgresBulk.InsertEldersAsync(db, batch, ct);
                    var batchHashes = batch.Select(e => e.IdNumberHash).ToArray();
                    await db.Database.ExecuteSqlAsync($@"INSERT INTO elders_timeline_event (elder_id, at, kind, module, summary, actor)
                        SELECT id, {now}, 'elder.registered', 'elders', {ImportedSummary}, {user.UserName}
                        FROM elders_elder WHERE id_number_hash = ANY({batchHashes})", ct);
                }
                imported += batch.Count;
                done += chunk.Length;
                progress?.Report((done, valid.Count));
            }
            await tx.CommitAsync(ct);
        }
        var invalidLines = errors.Select(e => e.Line).Distinct().Count();
        Rows.Add(imported, new KeyValuePair<string, object?>("outcome", "imported"));
        Rows.Add(skipped, new KeyValuePair<string, object?>("outcome", "skipped"));
        Rows.Add(invalidLines, new KeyValuePair<string, object?>("outcome", "invalid"));
        await audit.RecordAsync("elder.import", "import", null, null,
            $"rows={records.Count - 1}; imported={imported}; skipped={skipped}; invalid={invalidLines}; encoding={encoding}");
        return new ImportResult(records.Count - 1, imported, skipped, invalidLines, encoding, errors.OrderBy(e => e.Line).ToList());
    }

    private static BusinessRuleException Malformed(string message) =>
        new("malformed-file", "文件格式不正确，未导入任何数据：" + message, StatusCodes.Status400BadRequest);
}
