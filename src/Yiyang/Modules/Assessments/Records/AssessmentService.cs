using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Regions;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>
/// Saved assessments (issue 4, must-have 2): record (draft) → sign (immutable) → correct (new linked version, the old one
/// superseded); next-due dates and the reassessment list. Every read and write is limited to the elders in the user's
/// scope (404 otherwise).
/// </summary>
public sealed class AssessmentService(
    YiyangDb db, CurrentUser user, InstrumentCatalog catalog, RegionCatalog regions, AuditTrail audit, TimeProvider clock,
    IOptions<AssessmentOptions> options, IEnumerable<IReassessmentTriggers> triggers)
{
    private const string Module = "assessments";
    private const int MaxAssessors = 5;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private int Months => options.Value.ReassessmentMonths is > 0 and <= 60 ? options.Value.ReassessmentMonths : 12;

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    private void RequireWriter()
    {
        if (!Policies.Map[Policies.EldersWrite].Contains(user.Role)) throw new ForbiddenException();
    }

    private string Actor => user.IsAuthenticated ? user.UserName : "system";

    /// <param name="forWrite">Writers get no agreement grant (a partner hospital reads covered residents, never writes).</param>
    private IQueryable<Assessment> Scoped(bool forWrite = false)
    {
        var elders = ElderScope.Apply(db.Elders, user, forWrite);
        return db.Set<Assessment>().Where(a => elders.Any(e => e.Id == a.ElderId));
    }

    private async Task<Elder> ScopedElderAsync(long? elderId, CancellationToken ct, bool forWrite = false)
    {
        if (elderId is not { } id) throw Invalid("elderId", "请选择被评估的老年人。");
        return await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite).FirstOrDefaultAsync(e => e.Id == id, ct)
               ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
    }

    private sealed record Valid(InstrumentDefinition Definition, string Reason, DateOnly AssessedOn, List<AssessorDto> Assessors,
        string AnswersJson, object Result);

    /// <summary>Validation and scoring shared by create, edit and correction.</summary>
    private async Task<Valid> ValidateAsync(AssessmentInput input, string instrumentCode, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var definition = catalog.Find(instrumentCode);
        if (definition is null) errors.Add("instrumentCode", "请选择评估量表（如 gbt42195-2022）。");
        var reason = AssessmentReasons.Parse(input.Reason);
        if (reason is null) errors.Add("reason", "请选择评估原因：首次评估、常规评估、即时评估或复评。");
        var today = Today;
        if (input.AssessedOn is not { } on) errors.Add("assessedOn", "请填写评估日期。");
        else if (on > today) errors.Add("assessedOn", "评估日期不能晚于今天。");
        else if (on < new DateOnly(2000, 1, 1)) errors.Add("assessedOn", "评估日期不正确。");
        var assessors = await AssessorsAsync(input.Assessors, errors, ct);
        var required = definition?.Code == Gbt42195Scorer.Code ? 2 : 1;
        if (!errors.Has("assessors") && assessors.Count < required)
            errors.Add("assessors", required == 2 ? "老年人能力评估（GB/T 42195）需要两名不同的评估员。" : "请填写评估员。");
        object? result = null;
        if (definition is not null)
        {
            try
            {
                result = catalog.Score(definition.Code, input.ToScoreRequest().ToAnswers());
            }
            catch (ValidationFailedException e)
            {
                foreach (var (field, messages) in e.Errors)
                    foreach (var m in messages) errors.Add(field, m);
            }
        }
        errors.ThrowIfAny();
        var answers = JsonSerializer.Serialize(input.ToScoreRequest(), Json);
        return new Valid(definition!, reason!, input.AssessedOn!.Value, assessors, answers, result!);
    }

    private async Task<List<AssessorDto>> AssessorsAsync(List<JsonElement>? input, FieldErrors errors, CancellationToken ct)
    {
        var result = new List<AssessorDto>();
        if (input is null || input.Count == 0) return result;
        if (input.Count > MaxAssessors)
        {
            errors.Add("assessors", $"评估员最多 {MaxAssessors} 名。");
            return result;
        }
        for (var i = 0; i < input.Count; i++)
        {
            var v = input[i];
            long? id = v.ValueKind switch
            {
                JsonValueKind.Number when v.TryGetInt64(out var n) => n,
                JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
                _ => null,
            };
            if (id is { } uid)
            {
                var u = await db.Users.AsNoTracking().Where(x => x.Id == uid && x.IsActive).Select(x => new { x.Id, x.DisplayName }).FirstOrDefaultAsync(ct);
                if (u is null) errors.Add($"assessors[{i}]", "评估员账号不存在。");
                else result.Add(new AssessorDto(u.Id, u.DisplayName));
                continue;
            }
            var name = v.ValueKind == JsonValueKind.String ? Masking.Scrub((v.GetString() ?? "").Trim()) : "";
            if (name.Length < 2 || name.Length > 50) errors.Add($"assessors[{i}]", "请填写评估员姓名（2–50 个字）或账号编号。");
            else result.Add(new AssessorDto(null, name));
        }
        if (result.GroupBy(a => a.UserId?.ToString(CultureInfo.InvariantCulture) ?? "n:" + a.Name).Any(g => g.Count() > 1)
            || result.GroupBy(a => a.Name).Any(g => g.Count() > 1))
            errors.Add("assessors", "评估员不能重复，请填写不同的评估员。");
        return result;
    }

    private static (int? Total, Level? Level) Summary(object result) => result switch
    {
        Gbt42195Result g => (g.Total, g.FinalLevel),
        Ltc2021Result l => (l.AdlTotal, l.Grade),
        PhsSelfCareResult p => (p.Total, p.Band),
        BarthelResult b => (b.Total, b.Bands.Wst431),
        TcmResult t => (null, new Level(t.NothingIdentified ? -1 : 0, t.Conclusion.Length > 50 ? t.Conclusion[..49] + "…" : t.Conclusion)),
        _ => (null, null),
    };

    private static void Apply(Assessment a, Valid v)
    {
        var (total, level) = Summary(v.Result);
        a.InstrumentCode = v.Definition.Code;
        a.InstrumentVersion = v.Definition.Version;
        a.Reason = v.Reason;
        a.AssessedOn = v.AssessedOn;
        a.AssessorsJson = JsonSerializer.Serialize(v.Assessors, Json);
        a.AnswersJson = v.AnswersJson;
        a.ResultJson = JsonSerializer.Serialize(v.Result, v.Result.GetType(), Json);
        a.Total = total;
        a.LevelCode = level is { Code: >= 0 } ? level.Code : null;
        a.LevelName = level?.Name;
    }

    private Assessment New(Elder elder, Valid v, long? previousId, string? note)
    {
        var now = clock.GetUtcNow();
        var a = new Assessment
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            InstrumentCode = "",
            InstrumentVersion = "",
            Reason = "",
            AssessorsJson = "[]",
            AnswersJson = "{}",
            ResultJson = "{}",
            Status = AssessmentStatus.Draft,
            PreviousId = previousId,
            CorrectionNote = note,
            OrganizationId = user.OrganizationId,
            CreatedBy = Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(a, v);
        return a;
    }

    private TimelineEvent Event(long elderId, string kind, string summary) =>
        TimelineEvent.Create(elderId, clock.GetUtcNow(), kind, Module, summary, Actor);

    /// <summary>老年人能力评估：能力中度受损（中度失能）（2 级），总分 55，常规评估.</summary>
    public static string Describe(string instrumentName, int? total, int? levelCode, string? levelName, string reason)
    {
        var shortName = instrumentName.Split('（', '(')[0];
        var level = levelName is null ? "" : levelCode is { } c ? $"：{levelName}（{c} 级）" : $"：{levelName}";
        var score = total is { } t ? $"，总分 {t}" : "";
        return $"{shortName}{level}{score}，{AssessmentReasons.Name(reason)}";
    }

    private string Describe(Assessment a) =>
        Describe(catalog.Find(a.InstrumentCode)?.Name ?? a.InstrumentCode, a.Total, a.LevelCode, a.LevelName, a.Reason);

    // ---------------------------------------------------------------- writes

    public async Task<AssessmentDto> CreateAsync(AssessmentInput input, CancellationToken ct)
    {
        RequireWriter();
        var elder = await ScopedElderAsync(input.ElderId, ct, forWrite: true);
        var v = await ValidateAsync(input, (input.InstrumentCode ?? "").Trim(), ct);
        var a = New(elder, v, null, null);
        db.Add(a);
        db.TimelineEvents.Add(Event(elder.Id, "assessments.recorded", "录入评估（草稿）：" + Describe(a)));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("assessments.assessment.create", "assessment", a.Id.ToString(CultureInfo.InvariantCulture), elder.Id);
        return await GetAsync(a.Id, ct, audited: false);
    }

    private async Task<Assessment> LoadForWriteAsync(long id, CancellationToken ct)
    {
        RequireWriter();
        return await Scoped(forWrite: true).AsTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("未找到该评估，或您无权查看。");
    }

    private static ConflictException Immutable(Assessment a) => a.Status == AssessmentStatus.Superseded
        ? new ConflictException("superseded", "该评估已被更正，不能修改。")
        : new ConflictException("signed", "该评估已签署，不能修改；如需更正，请提交更正（生成新版本）。");

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "记录已被他人修改，请刷新后再试。");
        }
    }

    /// <summary>Edits a draft (version or If-Match); a signed or superseded one → 409. The instrument stays.</summary>
    public async Task<AssessmentDto> UpdateAsync(long id, AssessmentInput input, int? ifMatchVersion, CancellationToken ct)
    {
        var a = await LoadForWriteAsync(id, ct);
        if (a.Status != AssessmentStatus.Draft) throw Immutable(a);
        Etags.CheckVersion(a.Version, ifMatchVersion, input.Version);
        if (input.InstrumentCode is { Length: > 0 } code && code.Trim() != a.InstrumentCode)
            throw Invalid("instrumentCode", "草稿不能更换评估量表，请新建评估。");
        var v = await ValidateAsync(input, a.InstrumentCode, ct);
        Apply(a, v);
        a.UpdatedAt = clock.GetUtcNow();
        a.Version++;
        await SaveAsync(ct);
        await audit.RecordAsync("assessments.assessment.update", "assessment", a.Id.ToString(CultureInfo.InvariantCulture), a.ElderId);
        return await GetAsync(a.Id, ct, audited: false);
    }

    /// <summary>Signs a draft: from now on immutable; periodic instruments get their next-due date.</summary>
    public async Task<AssessmentDto> SignAsync(long id, int? ifMatchVersion, CancellationToken ct)
    {
        var a = await LoadForWriteAsync(id, ct);
        if (a.Status != AssessmentStatus.Draft) throw Immutable(a);
        if (ifMatchVersion is not null) Etags.CheckVersion(a.Version, ifMatchVersion, null);
        var now = clock.GetUtcNow();
        a.Status = AssessmentStatus.Signed;
        a.SignedAt = now;
        a.SignedBy = Actor;
        a.NextDue = ReassessmentRules.NextDue(a.InstrumentCode, a.AssessedOn, Months);
        a.UpdatedAt = now;
        a.Version++;
        var due = a.NextDue is { } d ? $"，下次评估 {d:yyyy-MM-dd}" : "";
        db.TimelineEvents.Add(Event(a.ElderId, "assessments.signed", Describe(a) + due));
        await SaveAsync(ct);
        await audit.RecordAsync("assessments.assessment.sign", "assessment", a.Id.ToString(CultureInfo.InvariantCulture), a.ElderId);
        return await GetAsync(a.Id, ct, audited: false);
    }

    /// <summary>
    /// Corrects a signed version: a new draft linked to it (same elder and instrument); the old one stays, marked
    /// superseded. A version is corrected once (unique index on previous_id): a second correction → 409.
    /// </summary>
    public async Task<AssessmentDto> CorrectAsync(long id, AssessmentInput input, CancellationToken ct)
    {
        var previous = await LoadForWriteAsync(id, ct);
        if (previous.Status == AssessmentStatus.Draft)
            throw new ConflictException("draft", "草稿可以直接修改，无需更正。");
        if (previous.Status == AssessmentStatus.Superseded || await db.Set<Assessment>().AnyAsync(x => x.PreviousId == id, ct))
            throw new ConflictException("already-corrected", "该评估已被更正过，请更正最新版本。");
        var note = Masking.Scrub((input.Note ?? "").Trim());
        if (note.Length > 200) throw Invalid("note", "更正说明最多 200 个字。");
        var elder = await db.Elders.AsNoTracking().FirstAsync(e => e.Id == previous.ElderId, ct);
        var v = await ValidateAsync(input, previous.InstrumentCode, ct);
        var a = New(elder, v, previous.Id, note.Length == 0 ? null : note);
        previous.Status = AssessmentStatus.Superseded;
        previous.UpdatedAt = clock.GetUtcNow();
        previous.Version++;
        db.Add(a);
        db.TimelineEvents.Add(Event(elder.Id, "assessments.corrected",
            $"更正评估（原评估 {previous.AssessedOn:yyyy-MM-dd}）：" + Describe(a) + (a.CorrectionNote is null ? "" : $"，说明：{a.CorrectionNote}")));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || (e is DbUpdateException u && DbErrors.IsUniqueViolation(u)))
        {
            throw new ConflictException("already-corrected", "该评估已被更正过，请更正最新版本。");
        }
        await audit.RecordAsync("assessments.assessment.correct", "assessment", a.Id.ToString(CultureInfo.InvariantCulture), elder.Id,
            $"previous={previous.Id}");
        return await GetAsync(a.Id, ct, audited: false);
    }

    // ---------------------------------------------------------------- reads

    public async Task<AssessmentDto> GetAsync(long id, CancellationToken ct, bool audited = true)
    {
        var a = await Scoped().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("未找到该评估，或您无权查看。");
        var dto = (await ToDtosAsync([a], ct))[0];
        if (audited)
            await audit.RecordAsync("assessments.assessment.view", "assessment", a.Id.ToString(CultureInfo.InvariantCulture), a.ElderId, wait: false);
        return dto;
    }

    /// <summary>An elder's assessments, newest first (by date, then version chain).</summary>
    public async Task<IReadOnlyList<AssessmentDto>> ListAsync(long? elderId, CancellationToken ct)
    {
        var elder = await ScopedElderAsync(elderId, ct);
        var rows = await db.Set<Assessment>().AsNoTracking().Where(a => a.ElderId == elder.Id)
            .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id).Take(500).ToListAsync(ct);
        await audit.RecordAsync("assessments.assessment.list", "elder", elder.Id.ToString(CultureInfo.InvariantCulture), elder.Id, wait: false);
        return await ToDtosAsync(rows, ct);
    }

    private async Task<List<AssessmentDto>> ToDtosAsync(List<Assessment> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var elderIds = rows.Select(r => r.ElderId).Distinct().ToList();
        var names = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var successors = await db.Set<Assessment>().AsNoTracking().Where(x => x.PreviousId != null && ids.Contains(x.PreviousId.Value))
            .Select(x => new { x.Id, Previous = x.PreviousId!.Value }).ToListAsync(ct);
        return rows.Select(a => new AssessmentDto(a.Id, a.ElderId, names.GetValueOrDefault(a.ElderId) ?? "", a.TownshipCode, a.InstrumentCode,
            a.InstrumentVersion, catalog.Find(a.InstrumentCode)?.Name ?? a.InstrumentCode, a.Reason, AssessmentReasons.Name(a.Reason),
            a.AssessedOn, JsonSerializer.Deserialize<List<AssessorDto>>(a.AssessorsJson, Json) ?? [],
            JsonSerializer.Deserialize<JsonElement>(a.AnswersJson), JsonSerializer.Deserialize<JsonElement>(a.ResultJson),
            a.Total, a.LevelCode, a.LevelName, StatusCode(a.Status), StatusName(a.Status), a.NextDue, a.PreviousId,
            successors.FirstOrDefault(s => s.Previous == a.Id)?.Id, a.CorrectionNote, a.CreatedBy, a.SignedBy, a.SignedAt, a.CreatedAt,
            a.Version)).ToList();
    }

    public static string StatusCode(AssessmentStatus s) => s switch
    {
        AssessmentStatus.Draft => "draft",
        AssessmentStatus.Signed => "signed",
        _ => "superseded",
    };

    public static string StatusName(AssessmentStatus s) => s switch
    {
        AssessmentStatus.Draft => "草稿",
        AssessmentStatus.Signed => "已签署",
        _ => "已更正",
    };

    /// <summary>
    /// Elders in scope (under <paramref name="regionCode"/>) whose latest signed GB/T 42195 / 长护险 assessment is due on
    /// or before <paramref name="before"/> (default today) or overdue, who have none while flagged 失能/失智, or who had
    /// a marked change after it (<see cref="IReassessmentTriggers"/>). Overdue first.
    /// </summary>
    public async Task<DueList> DueAsync(string? regionCode, DateOnly? before, CancellationToken ct)
    {
        var today = Today;
        var until = before ?? today;
        var code = string.IsNullOrWhiteSpace(regionCode) ? null : regionCode.Trim();
        if (code is not null && regions.Find(code) is null) throw Invalid("regionCode", "行政区划代码不存在。");
        if (until > today.AddYears(2)) throw Invalid("before", "截止日期最多为两年后。");

        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        if (code is not null)
            elders = code.Length >= 9 ? elders.Where(e => e.TownshipCode == code) : elders.Where(e => e.TownshipCode.StartsWith(code));
        var periodic = ReassessmentRules.Periodic.ToList();
        var signed = Effective(db.Set<Assessment>().AsNoTracking()).Where(a => a.NextDue != null && periodic.Contains(a.InstrumentCode));
        var mask = (int)ReassessmentRules.NeedsAssessment;
        IQueryable<DueCandidate> Candidates(IQueryable<Elder> q) => q.Select(e => new DueCandidate
        {
            Id = e.Id,
            Name = e.Name,
            TownshipCode = e.TownshipCode,
            Flags = e.Flags,
            NextDue = signed.Where(a => a.ElderId == e.Id).Max(a => a.NextDue),
            LastOn = signed.Where(a => a.ElderId == e.Id).Max(a => (DateOnly?)a.AssessedOn),
        });
        var candidates = await Candidates(elders)
            .Where(x => (x.NextDue != null && x.NextDue <= until) || (x.NextDue == null && ((int)x.Flags & mask) != 0))
            .OrderBy(x => x.NextDue).ThenBy(x => x.Id)
            .Take(2000)
            .ToListAsync(ct);

        var changes = new List<ReassessmentTrigger>();
        foreach (var t in triggers)
            changes.AddRange(await t.ForEldersAsync(elders, until.AddMonths(-Months), until, ct));
        var extra = changes.Select(t => t.ElderId).Distinct().Except(candidates.Select(c => c.Id)).ToList();
        if (extra.Count > 0) candidates.AddRange(await Candidates(elders.Where(e => extra.Contains(e.Id))).ToListAsync(ct));
        var entries = new List<DueEntry>();
        foreach (var c in candidates)
        {
            var change = changes.Where(t => t.ElderId == c.Id).MaxBy(t => t.On);
            if (ReassessmentRules.Classify(c.NextDue, c.LastOn, c.Flags, change?.On, until, today) is { } kind)
                entries.Add(new DueEntry(c.Id, c.Name, c.TownshipCode, regions.Find(c.TownshipCode)?.Name ?? c.TownshipCode,
                    RiskFlagCatalog.Names(c.Flags), ReassessmentRules.Code(kind), ReassessmentRules.Name(kind), c.NextDue, c.LastOn, null,
                    kind == DueKind.Triggered ? change?.Description : null));
        }
        var lastIds = await LatestIdsAsync(entries.Where(e => e.LastAssessedOn is not null).Select(e => e.ElderId).ToList(), ct);
        entries = entries.Select(e => e with { LastAssessmentId = lastIds.GetValueOrDefault(e.ElderId) })
            .OrderByDescending(e => e.Kind == "triggered").ThenBy(e => e.NextDue ?? DateOnly.MinValue).ThenBy(e => e.ElderId).ToList();
        await audit.RecordAsync("assessments.due.view", "region", code ?? user.RegionCode, null, $"before={until:yyyy-MM-dd}", wait: false);
        return new DueList(until, Months, entries, entries.Count);
    }

    private sealed class DueCandidate
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string TownshipCode { get; init; } = "";
        public RiskFlags Flags { get; init; }
        public DateOnly? NextDue { get; init; }
        public DateOnly? LastOn { get; init; }
    }

    private async Task<Dictionary<long, long?>> LatestIdsAsync(List<long> elderIds, CancellationToken ct)
    {
        if (elderIds.Count == 0) return [];
        var periodic = ReassessmentRules.Periodic.ToList();
        var rows = await Effective(db.Set<Assessment>().AsNoTracking())
            .Where(a => elderIds.Contains(a.ElderId) && periodic.Contains(a.InstrumentCode))
            .Select(a => new { a.ElderId, a.Id, a.AssessedOn }).ToListAsync(ct);
        return rows.GroupBy(r => r.ElderId).ToDictionary(g => g.Key, g => (long?)g.MaxBy(r => (r.AssessedOn, r.Id))!.Id);
    }

    /// <summary>The name of an elder in scope (404 otherwise), for pages.</summary>
    public async Task<string> ElderNameAsync(long elderId, CancellationToken ct) => (await ScopedElderAsync(elderId, ct)).Name;

    /// <summary>The latest signed periodic assessment's next-due date of one elder (for the elder's page).</summary>
    public async Task<DateOnly?> NextDueAsync(long elderId, CancellationToken ct) =>
        await Effective(Scoped().AsNoTracking()).Where(a => a.ElderId == elderId && a.NextDue != null).MaxAsync(a => a.NextDue, ct);

    /// <summary>
    /// The signed versions that count for reassessment: signed ones, and superseded ones whose correction is still a
    /// draft (the corrected result is not in force yet).
    /// </summary>
    private IQueryable<Assessment> Effective(IQueryable<Assessment> q)
    {
        var all = db.Set<Assessment>();
        return q.Where(a => a.Status == AssessmentStatus.Signed
                            || (a.Status == AssessmentStatus.Superseded && !all.Any(n => n.PreviousId == a.Id && n.Status != AssessmentStatus.Draft)));
    }
}
