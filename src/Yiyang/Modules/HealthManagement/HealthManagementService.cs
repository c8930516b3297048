using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.HealthManagement;

/// <summary>
/// 老年人健康管理 (issue 4, must-have 4): the yearly record, the TCM record, chronic-disease follow-ups and
/// vaccinations. Every read and write is limited to the elders in the user's scope (404 otherwise); every change and
/// every read of a person's record is audited; changes go to the elder's timeline in the same transaction.
/// </summary>
public sealed class HealthManagementService(
    YiyangDb db, CurrentUser user, InstrumentCatalog catalog, AuditTrail audit, TimeProvider clock, IOptions<HealthManagementOptions> options,
    Platform.Regions.RegionCatalog regions, IOptions<ListOptions> lists)
{
    private const string Module = "healthmgmt";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HealthCheckForm? _form;

    /// <summary>The yearly record's fields, with the self-care items of the <c>phs-selfcare</c> definition.</summary>
    public HealthCheckForm Form => _form ??= new HealthCheckForm(catalog.Get(PhsSelfCareScorer.Code));

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private string Actor => user.IsAuthenticated ? user.UserName : "system";

    public bool CanWrite => Policies.Map[Policies.HealthManagementWrite].Contains(user.Role);

    private void RequireWriter()
    {
        if (!CanWrite) throw new ForbiddenException();
    }

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    private async Task<Elder> ScopedElderAsync(long? elderId, CancellationToken ct, bool forWrite = false)
    {
        if (elderId is not { } id) throw Invalid("elderId", "请选择老年人。");
        return await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite).FirstOrDefaultAsync(e => e.Id == id, ct)
               ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
    }

    /// <summary>For subqueries only (an AsNoTracking inside a subquery would make the whole query untracked).</summary>
    private IQueryable<Elder> ScopedElders => ElderScope.Apply(db.Elders, user);

    private void CheckDate(FieldErrors errors, string field, DateOnly? day, string label)
    {
        if (day is not { } d) errors.Add(field, $"请填写{label}。");
        else if (d > Today) errors.Add(field, $"{label}不能晚于今天。");
        else if (d < new DateOnly(2000, 1, 1)) errors.Add(field, $"{label}不正确。");
    }

    /// <summary>Health management serves residents aged 65+ (decision 6: reaching 65 during the year counts).</summary>
    private void CheckAge(FieldErrors errors, Elder elder, DateOnly? on)
    {
        if (on is not { } d) return;
        var o = options.Value;
        if (!ContractRules.CountsAs65Plus(elder.BirthDate, d.Year, o.ManagementAge, o.CountAgeReachedDuringYear))
            errors.Add("elderId", $"老年人健康管理的服务对象为当年年满 {o.ManagementAge} 周岁及以上的居民。");
    }

    private TimelineEvent Event(long elderId, string kind, string summary) =>
        TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, Module, summary, Actor);

    private async Task SaveAsync(string duplicateCode, string duplicateMessage, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "记录已被他人修改，请刷新后再试。");
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException(duplicateCode, duplicateMessage);
        }
    }

    public static string StatusCode(RecordStatus s) => s == RecordStatus.Signed ? "signed" : "draft";

    public static string StatusName(RecordStatus s) => s == RecordStatus.Signed ? "已签署" : "草稿";

    // ================================================================ yearly health check

    private sealed record ValidCheck(DateOnly CheckedOn, JsonObject Content, PhsSelfCareResult? SelfCare, CheckEvaluation Evaluation);

    private ValidCheck ValidateCheck(HealthCheckInput input, Elder elder)
    {
        var errors = new FieldErrors();
        CheckDate(errors, "checkedOn", input.CheckedOn, "体检日期");
        CheckAge(errors, elder, input.CheckedOn);
        var content = Form.Normalize(input.Sections(), errors);
        errors.ThrowIfAny();
        var items = Form.SelfCareItems(content);
        PhsSelfCareResult? selfCare = null;
        if (items.Values.All(v => v is not null))
            selfCare = (PhsSelfCareResult)catalog.Score(PhsSelfCareScorer.Code, new AssessmentAnswers(items));
        return new ValidCheck(input.CheckedOn!.Value, content, selfCare, Form.Evaluate(content, selfCare?.Total));
    }

    private static void Apply(HealthCheck c, ValidCheck v)
    {
        c.CheckedOn = v.CheckedOn;
        c.Year = v.CheckedOn.Year;
        c.ContentJson = v.Content.ToJsonString();
        c.SelfCareTotal = v.SelfCare?.Total;
        c.SelfCareBand = v.SelfCare?.Band.Code;
        c.Bmi = v.Evaluation.Bmi;
        c.Systolic = HealthCheckForm.Number(v.Content, "physicalExam", "systolic") is { } s ? (int)s : null;
        c.Diastolic = HealthCheckForm.Number(v.Content, "physicalExam", "diastolic") is { } d ? (int)d : null;
        c.Abnormal = v.Evaluation.Abnormalities.Count > 0;
        c.Complete = v.Evaluation.Complete;
    }

    private static string Describe(HealthCheck c, CheckEvaluation e) =>
        $"{c.Year} 年老年人健康管理体检（{c.CheckedOn:yyyy-MM-dd}）：" + (e.Complete ? "记录完整" : $"尚缺 {e.Missing.Count} 项") +
        (e.Abnormalities.Count > 0 ? "，异常：" + string.Join("、", e.Abnormalities) : "");

    public async Task<HealthCheckDto> CreateCheckAsync(HealthCheckInput input, CancellationToken ct)
    {
        RequireWriter();
        var elder = await ScopedElderAsync(input.ElderId, ct, forWrite: true);
        var v = ValidateCheck(input, elder);
        if (await db.Set<HealthCheck>().AnyAsync(x => x.ElderId == elder.Id && x.Year == v.CheckedOn.Year, ct))
            throw Duplicate(v.CheckedOn.Year);
        var now = clock.GetUtcNow();
        var c = new HealthCheck
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            ContentJson = "{}",
            Status = RecordStatus.Draft,
            OrganizationId = user.OrganizationId,
            CreatedBy = Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(c, v);
        db.Add(c);
        db.TimelineEvents.Add(Event(elder.Id, "healthmgmt.check.recorded", "录入" + Describe(c, v.Evaluation)));
        await SaveAsync("duplicate-year", DuplicateMessage(c.Year), ct);
        await audit.RecordAsync("healthmgmt.check.create", "health-check", Id(c.Id), elder.Id);
        return await GetCheckAsync(c.Id, ct, audited: false);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string DuplicateMessage(int year) => $"该老年人 {year} 年已有健康管理记录，请修改原记录。";

    private static ConflictException Duplicate(int year) => new("duplicate-year", DuplicateMessage(year));

    private async Task<HealthCheck> LoadCheckForWriteAsync(long id, CancellationToken ct)
    {
        RequireWriter();
        var elders = ElderScope.Apply(db.Elders, user, forWrite: true);
        return await db.Set<HealthCheck>().AsTracking().Where(c => elders.Any(e => e.Id == c.ElderId)).FirstOrDefaultAsync(c => c.Id == id, ct)
               ?? throw new NotFoundException("未找到该健康管理记录，或您无权查看。");
    }

    /// <summary>Replaces the content of an unsigned record (version or If-Match); the year may not change to one already recorded.</summary>
    public async Task<HealthCheckDto> UpdateCheckAsync(long id, HealthCheckInput input, int? ifMatch, CancellationToken ct)
    {
        var c = await LoadCheckForWriteAsync(id, ct);
        if (c.Status == RecordStatus.Signed) throw new ConflictException("signed", "该记录已签署，不能修改。");
        Etags.CheckVersion(c.Version, ifMatch, input.Version);
        if (input.ElderId is { } e && e != c.ElderId) throw Invalid("elderId", "不能更换记录所属的老年人。");
        var elder = await db.Elders.AsNoTracking().FirstAsync(x => x.Id == c.ElderId, ct);
        var v = ValidateCheck(input, elder);
        if (v.CheckedOn.Year != c.Year && await db.Set<HealthCheck>().AnyAsync(x => x.ElderId == c.ElderId && x.Year == v.CheckedOn.Year, ct))
            throw Duplicate(v.CheckedOn.Year);
        Apply(c, v);
        c.UpdatedAt = clock.GetUtcNow();
        c.Version++;
        db.TimelineEvents.Add(Event(c.ElderId, "healthmgmt.check.updated", "修改" + Describe(c, v.Evaluation)));
        await SaveAsync("duplicate-year", DuplicateMessage(c.Year), ct);
        await audit.RecordAsync("healthmgmt.check.update", "health-check", Id(c.Id), c.ElderId);
        return await GetCheckAsync(c.Id, ct, audited: false);
    }

    /// <summary>Signs the record: immutable from now on. Only a complete record can be signed.</summary>
    public async Task<HealthCheckDto> SignCheckAsync(long id, int? ifMatch, CancellationToken ct)
    {
        var c = await LoadCheckForWriteAsync(id, ct);
        if (c.Status == RecordStatus.Signed) throw new ConflictException("signed", "该记录已签署。");
        if (ifMatch is not null) Etags.CheckVersion(c.Version, ifMatch, null);
        if (!c.Complete) throw new ConflictException("incomplete", "记录尚不完整，补齐后才能签署。");
        var now = clock.GetUtcNow();
        c.Status = RecordStatus.Signed;
        c.SignedAt = now;
        c.SignedBy = Actor;
        c.UpdatedAt = now;
        c.Version++;
        db.TimelineEvents.Add(Event(c.ElderId, "healthmgmt.check.signed", $"签署 {c.Year} 年老年人健康管理记录"));
        await SaveAsync("duplicate-year", DuplicateMessage(c.Year), ct);
        await audit.RecordAsync("healthmgmt.check.sign", "health-check", Id(c.Id), c.ElderId);
        return await GetCheckAsync(c.Id, ct, audited: false);
    }

    public async Task<HealthCheckDto> GetCheckAsync(long id, CancellationToken ct, bool audited = true)
    {
        var elders = ScopedElders;
        var c = await db.Set<HealthCheck>().AsNoTracking().Where(x => elders.Any(e => e.Id == x.ElderId)).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该健康管理记录，或您无权查看。");
        var name = await db.Elders.AsNoTracking().Where(e => e.Id == c.ElderId).Select(e => e.Name).FirstAsync(ct);
        if (audited) await audit.RecordAsync("healthmgmt.check.view", "health-check", Id(c.Id), c.ElderId, wait: false);
        return ToDto(c, name);
    }

    /// <summary>An elder's yearly records, newest first.</summary>
    public async Task<IReadOnlyList<HealthCheckDto>> ListChecksAsync(long? elderId, CancellationToken ct)
    {
        var elder = await ScopedElderAsync(elderId, ct);
        var rows = await db.Set<HealthCheck>().AsNoTracking().Where(c => c.ElderId == elder.Id).OrderByDescending(c => c.Year).ToListAsync(ct);
        await audit.RecordAsync("healthmgmt.check.list", "elder", Id(elder.Id), elder.Id, wait: false);
        return [.. rows.Select(c => ToDto(c, elder.Name))];
    }

    private HealthCheckDto ToDto(HealthCheck c, string elderName)
    {
        var content = JsonNode.Parse(c.ContentJson) as JsonObject ?? [];
        var e = Form.Evaluate(content, c.SelfCareTotal);
        var band = c.SelfCareTotal is { } t ? PhsSelfCareScorer.BandFor(t) : null;
        return new HealthCheckDto(c.Id, c.ElderId, elderName, c.TownshipCode, c.Year, c.CheckedOn, JsonSerializer.Deserialize<JsonElement>(c.ContentJson),
            band is null ? null : new SelfCareDto(c.SelfCareTotal!.Value, band.Code, band.Name), c.Bmi, e.Abnormalities, c.Complete, e.Missing,
            StatusCode(c.Status), StatusName(c.Status), c.CreatedBy, c.SignedBy, c.SignedAt, c.UpdatedAt, c.Version);
    }

    // ================================================================ TCM

    private sealed record ValidTcm(DateOnly On, string AnswersJson, TcmResult Result, List<string> Topics);

    public static readonly IReadOnlyList<GuidanceTopic> TcmTopics = TcmConstitutionScorer.Topics;

    /// <summary>
    /// TCM completeness (domain-rules §2.3): constitution identification was done — the scorer accepts only all 33
    /// answers, so a saved record always has it — and 中医药保健指导 was given in all five areas the specification names
    /// (情志调摄、饮食调养、起居调摄、运动保健、穴位保健).
    /// </summary>
    public static IReadOnlyList<MissingItem> TcmMissing(IReadOnlyCollection<string> topics) =>
        [.. TcmTopics.Where(t => !topics.Contains(t.Code)).Select(t => new MissingItem("guidanceTopics", "中医药保健指导：" + t.Name))];

    private ValidTcm ValidateTcm(TcmInput input, Elder elder)
    {
        var errors = new FieldErrors();
        CheckDate(errors, "assessedOn", input.AssessedOn, "辨识日期");
        CheckAge(errors, elder, input.AssessedOn);
        var topics = new List<string>();
        foreach (var raw in input.GuidanceTopics ?? [])
        {
            var t = TcmTopics.FirstOrDefault(x => x.Code == raw?.Trim() || x.Name == raw?.Trim());
            if (t is null) errors.Add("guidanceTopics", "保健指导只能从 " + string.Join("、", TcmTopics.Select(x => x.Name)) + " 中选择。");
            else if (!topics.Contains(t.Code)) topics.Add(t.Code);
        }
        var request = new ScoreRequest(input.Items, Height: input.Height, Weight: input.Weight, Waist: input.Waist);
        TcmResult? result = null;
        try
        {
            result = (TcmResult)catalog.Score(TcmConstitutionScorer.Code, request.ToAnswers());
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var m in messages) errors.Add(field, m);
        }
        errors.ThrowIfAny();
        return new ValidTcm(input.AssessedOn!.Value, JsonSerializer.Serialize(request, Json), result!, topics);
    }

    private static string IdentifiedText(TcmResult r) =>
        r.NothingIdentified ? "" : string.Join("、", r.Constitutions.Where(c => c.Identified).Select(c => $"{c.Name}（{c.Verdict}）"));

    private static void Apply(TcmRecord t, ValidTcm v)
    {
        t.AssessedOn = v.On;
        t.Year = v.On.Year;
        t.AnswersJson = v.AnswersJson;
        t.ResultJson = JsonSerializer.Serialize(v.Result, Json);
        var identified = IdentifiedText(v.Result);
        t.Identified = identified.Length > 200 ? identified[..199] + "…" : identified;
        t.GuidanceJson = JsonSerializer.Serialize(v.Topics, Json);
        t.Complete = TcmMissing(v.Topics).Count == 0;
    }

    private static string Describe(TcmRecord t) =>
        $"{t.Year} 年中医药健康管理（{t.AssessedOn:yyyy-MM-dd}）：" + (t.Identified.Length == 0 ? "未辨识出明确体质" : t.Identified) +
        (t.Complete ? "，已给予保健指导" : "，保健指导未完成");

    public async Task<TcmDto> CreateTcmAsync(TcmInput input, CancellationToken ct)
    {
        RequireWriter();
        var elder = await ScopedElderAsync(input.ElderId, ct, forWrite: true);
        var v = ValidateTcm(input, elder);
        if (await db.Set<TcmRecord>().AnyAsync(x => x.ElderId == elder.Id && x.Year == v.On.Year, ct))
            throw new ConflictException("duplicate-year", TcmDuplicate(v.On.Year));
        var now = clock.GetUtcNow();
        var t = new TcmRecord
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            AnswersJson = "{}",
            ResultJson = "{}",
            Identified = "",
            GuidanceJson = "[]",
            Status = RecordStatus.Draft,
            OrganizationId = user.OrganizationId,
            CreatedBy = Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(t, v);
        db.Add(t);
        db.TimelineEvents.Add(Event(elder.Id, "healthmgmt.tcm.recorded", "录入" + Describe(t)));
        await SaveAsync("duplicate-year", TcmDuplicate(t.Year), ct);
        await audit.RecordAsync("healthmgmt.tcm.create", "tcm-record", Id(t.Id), elder.Id);
        return await GetTcmAsync(t.Id, ct, audited: false);
    }

    private static string TcmDuplicate(int year) => $"该老年人 {year} 年已有中医药健康管理记录，请修改原记录。";

    private async Task<TcmRecord> LoadTcmForWriteAsync(long id, CancellationToken ct)
    {
        RequireWriter();
        var elders = ElderScope.Apply(db.Elders, user, forWrite: true);
        return await db.Set<TcmRecord>().AsTracking().Where(c => elders.Any(e => e.Id == c.ElderId)).FirstOrDefaultAsync(c => c.Id == id, ct)
               ?? throw new NotFoundException("未找到该中医药健康管理记录，或您无权查看。");
    }

    public async Task<TcmDto> UpdateTcmAsync(long id, TcmInput input, int? ifMatch, CancellationToken ct)
    {
        var t = await LoadTcmForWriteAsync(id, ct);
        if (t.Status == RecordStatus.Signed) throw new ConflictException("signed", "该记录已签署，不能修改。");
        Etags.CheckVersion(t.Version, ifMatch, input.Version);
        if (input.ElderId is { } e && e != t.ElderId) throw Invalid("elderId", "不能更换记录所属的老年人。");
        var elder = await db.Elders.AsNoTracking().FirstAsync(x => x.Id == t.ElderId, ct);
        var v = ValidateTcm(input, elder);
        if (v.On.Year != t.Year && await db.Set<TcmRecord>().AnyAsync(x => x.ElderId == t.ElderId && x.Year == v.On.Year, ct))
            throw new ConflictException("duplicate-year", TcmDuplicate(v.On.Year));
        Apply(t, v);
        t.UpdatedAt = clock.GetUtcNow();
        t.Version++;
        db.TimelineEvents.Add(Event(t.ElderId, "healthmgmt.tcm.updated", "修改" + Describe(t)));
        await SaveAsync("duplicate-year", TcmDuplicate(t.Year), ct);
        await audit.RecordAsync("healthmgmt.tcm.update", "tcm-record", Id(t.Id), t.ElderId);
        return await GetTcmAsync(t.Id, ct, audited: false);
    }

    public async Task<TcmDto> SignTcmAsync(long id, int? ifMatch, CancellationToken ct)
    {
        var t = await LoadTcmForWriteAsync(id, ct);
        if (t.Status == RecordStatus.Signed) throw new ConflictException("signed", "该记录已签署。");
        if (ifMatch is not null) Etags.CheckVersion(t.Version, ifMatch, null);
        if (!t.Complete) throw new ConflictException("incomplete", "保健指导尚未完成，补齐后才能签署。");
        var now = clock.GetUtcNow();
        t.Status = RecordStatus.Signed;
        t.SignedAt = now;
        t.SignedBy = Actor;
        t.UpdatedAt = now;
        t.Version++;
        db.TimelineEvents.Add(Event(t.ElderId, "healthmgmt.tcm.signed", $"签署 {t.Year} 年中医药健康管理记录"));
        await SaveAsync("duplicate-year", TcmDuplicate(t.Year), ct);
        await audit.RecordAsync("healthmgmt.tcm.sign", "tcm-record", Id(t.Id), t.ElderId);
        return await GetTcmAsync(t.Id, ct, audited: false);
    }

    public async Task<TcmDto> GetTcmAsync(long id, CancellationToken ct, bool audited = true)
    {
        var elders = ScopedElders;
        var t = await db.Set<TcmRecord>().AsNoTracking().Where(x => elders.Any(e => e.Id == x.ElderId)).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该中医药健康管理记录，或您无权查看。");
        var name = await db.Elders.AsNoTracking().Where(e => e.Id == t.ElderId).Select(e => e.Name).FirstAsync(ct);
        if (audited) await audit.RecordAsync("healthmgmt.tcm.view", "tcm-record", Id(t.Id), t.ElderId, wait: false);
        return ToDto(t, name);
    }

    public async Task<IReadOnlyList<TcmDto>> ListTcmAsync(long? elderId, CancellationToken ct)
    {
        var elder = await ScopedElderAsync(elderId, ct);
        var rows = await db.Set<TcmRecord>().AsNoTracking().Where(c => c.ElderId == elder.Id).OrderByDescending(c => c.Year).ToListAsync(ct);
        await audit.RecordAsync("healthmgmt.tcm.list", "elder", Id(elder.Id), elder.Id, wait: false);
        return [.. rows.Select(t => ToDto(t, elder.Name))];
    }

    private static TcmDto ToDto(TcmRecord t, string elderName)
    {
        var topics = JsonSerializer.Deserialize<List<string>>(t.GuidanceJson, Json) ?? [];
        return new TcmDto(t.Id, t.ElderId, elderName, t.TownshipCode, t.Year, t.AssessedOn, JsonSerializer.Deserialize<JsonElement>(t.AnswersJson),
            JsonSerializer.Deserialize<JsonElement>(t.ResultJson), t.Identified, topics,
            [.. topics.Select(c => TcmTopics.FirstOrDefault(x => x.Code == c)?.Name ?? c)], t.Complete, TcmMissing(topics),
            StatusCode(t.Status), StatusName(t.Status), t.CreatedBy, t.SignedBy, t.SignedAt, t.Version);
    }

    // ================================================================ chronic follow-ups and vaccinations

    public async Task<FollowupDto> CreateFollowupAsync(FollowupInput input, CancellationToken ct)
    {
        RequireWriter();
        var elder = await ScopedElderAsync(input.ElderId, ct, forWrite: true);
        var errors = new FieldErrors();
        var v = FollowupRules.Validate(input, Today, errors);
        errors.ThrowIfAny();
        var f = new ChronicFollowup
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            Disease = v.Disease,
            FollowedOn = v.FollowedOn,
            Way = v.Way,
            SymptomsJson = JsonSerializer.Serialize(v.Symptoms, Json),
            Systolic = input.Systolic,
            Diastolic = input.Diastolic,
            FastingGlucose = input.FastingGlucose,
            Adherence = v.Adherence,
            Classification = v.Classification,
            NextOn = input.NextOn,
            Notes = v.Notes,
            OrganizationId = user.OrganizationId,
            CreatedBy = Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(f);
        db.TimelineEvents.Add(Event(elder.Id, "healthmgmt.followup.recorded",
            $"{FollowupRules.Name(FollowupRules.Diseases, f.Disease)}随访（{FollowupRules.Name(FollowupRules.Ways, f.Way)}，{f.FollowedOn:yyyy-MM-dd}）：" +
            FollowupRules.Name(FollowupRules.Classifications, f.Classification)));
        await SaveAsync("duplicate-followup", "该老年人当天已有同一疾病的随访记录。", ct);
        await audit.RecordAsync("healthmgmt.followup.create", "followup", Id(f.Id), elder.Id);
        return ToDto(f);
    }

    /// <summary>An elder's follow-ups of a year with the count per disease against the yearly requirement.</summary>
    public async Task<FollowupYear> FollowupsAsync(long? elderId, int? year, CancellationToken ct)
    {
        var elder = await ScopedElderAsync(elderId, ct);
        var y = year ?? Today.Year;
        if (y < 2000 || y > Today.Year) throw Invalid("year", $"年份应在 2000–{Today.Year} 之间。");
        var rows = await db.Set<ChronicFollowup>().AsNoTracking().Where(f => f.ElderId == elder.Id && f.FollowedOn >= new DateOnly(y, 1, 1)
            && f.FollowedOn <= new DateOnly(y, 12, 31)).OrderByDescending(f => f.FollowedOn).ToListAsync(ct);
        await audit.RecordAsync("healthmgmt.followup.list", "elder", Id(elder.Id), elder.Id, $"year={y}", wait: false);
        var counts = FollowupRules.Counts(rows.Select(r => r.Disease), options.Value.FollowupsPerYear);
        return new FollowupYear(elder.Id, y, counts, [.. rows.Select(ToDto)]);
    }

    private static FollowupDto ToDto(ChronicFollowup f) => new(f.Id, f.ElderId, f.Disease, FollowupRules.Name(FollowupRules.Diseases, f.Disease),
        f.FollowedOn, f.Way, FollowupRules.Name(FollowupRules.Ways, f.Way), JsonSerializer.Deserialize<List<string>>(f.SymptomsJson, Json) ?? [],
        f.Systolic, f.Diastolic, f.FastingGlucose, f.Adherence, FollowupRules.Name(FollowupRules.Adherences, f.Adherence), f.Classification,
        FollowupRules.Name(FollowupRules.Classifications, f.Classification), f.NextOn, f.Notes, f.CreatedBy);

    public async Task<VaccinationDto> CreateVaccinationAsync(VaccinationInput input, CancellationToken ct)
    {
        RequireWriter();
        var elder = await ScopedElderAsync(input.ElderId, ct, forWrite: true);
        var errors = new FieldErrors();
        var vaccine = FollowupRules.Parse(FollowupRules.Vaccines, input.Vaccine);
        if (vaccine is null) errors.Add("vaccine", "请选择疫苗：流感疫苗、23 价肺炎球菌多糖疫苗或 13 价肺炎球菌结合疫苗。");
        CheckDate(errors, "vaccinatedOn", input.VaccinatedOn, "接种日期");
        var notes = Masking.Scrub((input.Notes ?? "").Trim());
        if (notes.Length > 200) errors.Add("notes", "备注最多 200 个字。");
        errors.ThrowIfAny();
        var v = new Vaccination
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            Vaccine = vaccine!,
            VaccinatedOn = input.VaccinatedOn!.Value,
            Notes = notes.Length == 0 ? null : notes,
            OrganizationId = user.OrganizationId,
            CreatedBy = Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(v);
        db.TimelineEvents.Add(Event(elder.Id, "healthmgmt.vaccination.recorded",
            $"接种{FollowupRules.Name(FollowupRules.Vaccines, v.Vaccine)}（{v.VaccinatedOn:yyyy-MM-dd}）"));
        await SaveAsync("duplicate-vaccination", "该老年人当天已登记过同一疫苗的接种。", ct);
        await audit.RecordAsync("healthmgmt.vaccination.create", "vaccination", Id(v.Id), elder.Id);
        return ToDto(v);
    }

    public async Task<IReadOnlyList<VaccinationDto>> VaccinationsAsync(long? elderId, CancellationToken ct)
    {
        var elder = await ScopedElderAsync(elderId, ct);
        var rows = await db.Set<Vaccination>().AsNoTracking().Where(v => v.ElderId == elder.Id).OrderByDescending(v => v.VaccinatedOn).ToListAsync(ct);
        await audit.RecordAsync("healthmgmt.vaccination.list", "elder", Id(elder.Id), elder.Id, wait: false);
        return [.. rows.Select(ToDto)];
    }

    private static VaccinationDto ToDto(Vaccination v) =>
        new(v.Id, v.ElderId, v.Vaccine, FollowupRules.Name(FollowupRules.Vaccines, v.Vaccine), v.VaccinatedOn, v.Notes, v.CreatedBy);

    /// <summary>The work list's filter by the state of the yearly record (<c>null</c>: all, those without a complete record first).</summary>
    public static readonly IReadOnlyDictionary<string, string> WorkListStates = new Dictionary<string, string>
    {
        ["none"] = "未建立",
        ["incomplete"] = "不完整",
        ["complete"] = "完整",
    };

    /// <summary>
    /// The work list of a year: elders in scope who count as 65+ that year, with the state of their yearly record, TCM
    /// record and follow-ups; those without a yearly record first, then those with an incomplete one, then the complete
    /// ones, each by name (or only one of these groups: <paramref name="state"/>). Names are shown (staff of the elders'
    /// organization; regulators see masked names). Each group is read in name order up to the page, so a page costs the
    /// same for a township's staff and for a city's regulator (whose scope holds millions of elders); the total comes
    /// from <see cref="Paging.TotalAsync"/> (counted up to <c>Lists:MaxCountedResults</c> when the page is full).
    /// </summary>
    public async Task<PagedList<ElderYearStatus>> WorkListAsync(int? year, int? page, CancellationToken ct, string? state = null)
    {
        var y = year ?? Today.Year;
        if (y < 2000 || y > Today.Year) throw Invalid("year", $"年份应在 2000–{Today.Year} 之间。");
        state = string.IsNullOrWhiteSpace(state) ? null : state.Trim();
        if (state is not null && !WorkListStates.ContainsKey(state))
            throw Invalid("state", "年度体检状态应为 none（未建立）、incomplete（不完整）或 complete（完整）。");
        var p = Math.Max(1, page ?? 1);
        const int size = 20;
        var o = options.Value;
        var latest = ContractRules.LatestBirthFor65Plus(y, o.ManagementAge, o.CountAgeReachedDuringYear);
        var checks = db.Set<HealthCheck>().AsNoTracking().Where(c => c.Year == y);
        var tcm = db.Set<TcmRecord>().AsNoTracking().Where(t => t.Year == y);
        var from = new DateOnly(y, 1, 1);
        var to = new DateOnly(y, 12, 31);
        var followups = db.Set<ChronicFollowup>().AsNoTracking().Where(f => f.FollowedOn >= from && f.FollowedOn <= to);
        var inScope = ElderScope.Apply(db.Elders.AsNoTracking(), user).Where(e => e.BirthDate <= latest);
        // the three groups in the list's order (an elder has at most one yearly record a year: unique index)
        var groups = new Dictionary<string, IQueryable<Elder>>
        {
            ["none"] = inScope.Where(e => !checks.Any(c => c.ElderId == e.Id)),
            ["incomplete"] = inScope.Where(e => checks.Any(c => c.ElderId == e.Id && !c.Complete)),
            ["complete"] = inScope.Where(e => checks.Any(c => c.ElderId == e.Id && c.Complete)),
        };
        var shown = state is null ? [.. groups.Values] : new[] { groups[state] };

        var skip = (p - 1) * size;
        var rows = new List<(long Id, string Name, DateOnly BirthDate, string TownshipCode, long? CheckId, bool CheckComplete, long? TcmId, bool TcmComplete, int Followups)>();
        for (var i = 0; i < shown.Length && rows.Count < size; i++)
        {
            var want = size - rows.Count;
            if (i < shown.Length - 1)
            {
                // how many of this group lie before the page: the count stops at what the page needs
                var n = await shown[i].Take(skip + want).CountAsync(ct);
                if (n <= skip)
                {
                    skip -= n;
                    continue;
                }
            }
            var part = await shown[i].OrderBy(e => e.Name).ThenBy(e => e.Id).Skip(skip).Take(want).Select(e => new
            {
                e.Id,
                e.Name,
                e.BirthDate,
                e.TownshipCode,
                // scalar subqueries by (elder, year) for the page's rows only (an EXISTS here became a hashed scan of the
                // whole year's records on PostgreSQL: 270 ms at 190k elders)
                CheckId = checks.Where(c => c.ElderId == e.Id).Select(c => (long?)c.Id).FirstOrDefault(),
                CheckComplete = checks.Where(c => c.ElderId == e.Id).Select(c => (bool?)c.Complete).FirstOrDefault(),
                TcmId = tcm.Where(t => t.ElderId == e.Id).Select(t => (long?)t.Id).FirstOrDefault(),
                TcmComplete = tcm.Where(t => t.ElderId == e.Id).Select(t => (bool?)t.Complete).FirstOrDefault(),
                Followups = followups.Count(f => f.ElderId == e.Id),
            }).ToListAsync(ct);
            rows.AddRange(part.Select(x => (x.Id, x.Name, x.BirthDate, x.TownshipCode, x.CheckId, x.CheckComplete == true, x.TcmId, x.TcmComplete == true,
                x.Followups)));
            skip = 0;
        }
        var (total, capped) = await Paging.TotalAsync(state is null ? inScope : shown[0], p, size, rows.Count, lists.Value.MaxCountedResults, ct);
        var mask = user.Role == Roles.Regulator;
        await audit.RecordAsync("healthmgmt.worklist.view", "year", y.ToString(CultureInfo.InvariantCulture), null,
            state is null ? $"page={p}" : $"page={p};state={state}", wait: false);
        static string State(long? id, bool complete) => id is null ? "未建立" : complete ? "完整" : "不完整";
        return new PagedList<ElderYearStatus>([.. rows.Select(x => new ElderYearStatus(x.Id, mask ? Masking.Name(x.Name) : x.Name,
            y - x.BirthDate.Year, regions.Find(x.TownshipCode)?.Name ?? x.TownshipCode, State(x.CheckId, x.CheckComplete), x.CheckId,
            State(x.TcmId, x.TcmComplete), x.TcmId, x.Followups))], total, p, size, capped);
    }

    /// <summary>The name of an elder in scope (404 otherwise), for pages.</summary>
    public async Task<(string Name, string TownshipCode, DateOnly BirthDate)> ElderAsync(long elderId, CancellationToken ct)
    {
        var e = await ScopedElderAsync(elderId, ct);
        return (e.Name, e.TownshipCode, e.BirthDate);
    }
}
