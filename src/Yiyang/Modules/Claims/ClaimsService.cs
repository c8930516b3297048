using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;
using Yiyang.Modules.Institutions;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Audit;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Claims;

/// <summary>
/// Per-bed-day billing and long-term-care insurance (issue 5, item 7): coverage periods per elder and payer class that
/// never overlap across mutually exclusive classes (<see cref="CoverageRules"/>; enforced by the database), and monthly
/// claims of an institution to an insurer, one line per resident (<see cref="BedDayRules"/> × daily rate of the care grade).
/// </summary>
public sealed class ClaimsService(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock, IOptions<ClaimsOptions> options)
{
    private const string Module = "claims";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(China).DateTime);
    private string Actor => user.IsAuthenticated ? user.UserName : "system";

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Is this database error the coverage exclusion (PostgreSQL EXCLUDE constraint or the SQLite trigger)?</summary>
    public static bool IsOverlapViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == "23P01",
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("claims_coverage_overlap", StringComparison.Ordinal),
        _ => false,
    };

    private bool Writes => user.Role is Roles.PlatformAdmin or Roles.InstitutionAdmin;

    private async Task<Organization> OrgAsync(long? orgId, bool write, CancellationToken ct)
    {
        if (write && !Writes) throw new ForbiddenException();
        var id = orgId ?? user.OrganizationId ?? throw Invalid("organizationId", "请选择机构。");
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("未找到该机构，或您无权查看。");
        var allowed = user.Role switch
        {
            Roles.PlatformAdmin => true,
            Roles.InstitutionAdmin => user.OrganizationId == id,
            Roles.Regulator => !string.IsNullOrEmpty(user.RegionCode) && org.TownshipCode.StartsWith(user.RegionCode, StringComparison.Ordinal),
            _ => false,
        };
        if (!allowed) throw new NotFoundException("未找到该机构，或您无权查看。");
        return org;
    }

    private async Task<Elder> ElderAsync(long? elderId, CancellationToken ct, bool forWrite = false) =>
        await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite).FirstOrDefaultAsync(e => e.Id == elderId, ct)
        ?? throw new NotFoundException("未找到该老年人，或您无权查看。");

    private static CoverageDto ToDto(CoveragePeriod p) => new(p.Id, p.ElderId, p.OrganizationId, CoverageRules.Code(p.PayerClass),
        CoverageRules.Name(p.PayerClass), p.StartOn, p.EndOn, p.Note, p.Version);

    // ---------------------------------------------------------------- coverage periods

    public async Task<IReadOnlyList<CoverageDto>> ListCoverageAsync(long? elderId, CancellationToken ct)
    {
        if (elderId is null) throw Invalid("elderId", "请指定老年人。");
        var elder = await ElderAsync(elderId, ct);
        var list = await db.Set<CoveragePeriod>().AsNoTracking().Where(p => p.ElderId == elder.Id).OrderBy(p => p.StartOn).ThenBy(p => p.Id).ToListAsync(ct);
        await audit.RecordAsync("claims.coverage.read", "elder", elder.Id.ToString(), elder.Id);
        return list.Select(ToDto).ToList();
    }

    public async Task<CoverageDto> CreateCoverageAsync(CoverageInput input, CancellationToken ct)
    {
        if (!Writes) throw new ForbiddenException();
        var errors = new FieldErrors();
        if (input.ElderId is null) errors.Add("elderId", "请选择老年人。");
        var cls = CoverageRules.Parse(input.PayerClass);
        if (cls is null) errors.Add("payerClass", "支付方类别只能是长护险机构、长护险居家、医保住院、家庭病床、养老机构自费或民政补贴。");
        if (input.StartOn is null) errors.Add("startOn", "请填写开始日期。");
        else if (input.EndOn is { } e && e < input.StartOn) errors.Add("endOn", "结束日期不能早于开始日期。");
        var today = Today;
        if (input.StartOn is { } s && (s < today.AddYears(-10) || s > today.AddYears(1))) errors.Add("startOn", "开始日期应在 10 年前至 1 年后之间。");
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : Masking.Scrub(input.Note.Trim());
        if (note is { Length: > 200 }) errors.Add("note", "备注最多 200 个字。");
        errors.ThrowIfAny();
        var org = await OrgAsync(input.OrganizationId, write: true, ct);
        var elder = await ElderAsync(input.ElderId, ct, forWrite: true);
        var start = input.StartOn!.Value;
        var end = input.EndOn;

        if (ClaimRules.NeedsAssessment(cls!.Value))
        {
            // a 长护险 period rests on a signed 失能等级评估 valid on its first day (the claim-line rule)
            var basis = ClaimRules.LatestOn(await SignedAssessmentsAsync(db, [elder.Id], start, ct), elder.Id, start);
            if (basis is null)
                throw Invalid("startOn", $"该老年人在 {start:yyyy-MM-dd} 前没有已签署的失能等级评估（长期护理失能等级评估或 GB/T 42195 老年人能力评估），不能登记{CoverageRules.Name(cls.Value)}待遇期。请先完成评估。");
            if (ClaimRules.ExpiredOn(basis, start))
                throw Invalid("startOn", $"该老年人的失能等级评估已于 {basis.NextDue:yyyy-MM-dd} 到期，{start:yyyy-MM-dd} 起不能登记{CoverageRules.Name(cls.Value)}待遇期。请先重新评估。");
        }

        var existing = await db.Set<CoveragePeriod>().AsNoTracking().Where(p => p.ElderId == elder.Id).OrderBy(p => p.StartOn).ToListAsync(ct);
        var clash = existing.FirstOrDefault(p => CoverageRules.Conflicts(cls!.Value, p.PayerClass) && CoverageRules.Overlaps(start, end, p.StartOn, p.EndOn));
        if (clash is not null)
            throw new ConflictException("coverage-overlap", CoverageRules.OverlapMessage(cls!.Value, clash.PayerClass, clash.StartOn, clash.EndOn));

        var now = clock.GetUtcNow();
        var period = new CoveragePeriod
        {
            ElderId = elder.Id,
            OrganizationId = org.Id,
            PayerClass = cls!.Value,
            StartOn = start,
            EndOn = end,
            Note = note,
            CreatedByUser = Actor,
            CreatedAt = now,
            Slots = CoverageRules.Groups(cls.Value).Select(g => new CoverageSlot { ElderId = elder.Id, ExclusionGroup = g, StartOn = start, EndOn = end }).ToList(),
        };
        db.Add(period);
        db.TimelineEvents.Add(TimelineEvent.Create(elder.Id, now, "claims.coverage.created", Module,
            $"待遇期：{CoverageRules.Name(cls.Value)} {CoverageRules.Range(start, end)}（{org.Name}）", Actor));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (IsOverlapViolation(ex))
        {
            // a concurrent request won the race; name what now overlaps
            db.ChangeTracker.Clear();
            var now2 = await db.Set<CoveragePeriod>().AsNoTracking().Where(p => p.ElderId == elder.Id).ToListAsync(ct);
            var c = now2.FirstOrDefault(p => CoverageRules.Conflicts(cls.Value, p.PayerClass) && CoverageRules.Overlaps(start, end, p.StartOn, p.EndOn));
            throw new ConflictException("coverage-overlap", c is null
                ? $"与已有的待遇期重叠：{CoverageRules.Name(cls.Value)}不能与之同时享受。"
                : CoverageRules.OverlapMessage(cls.Value, c.PayerClass, c.StartOn, c.EndOn));
        }
        await audit.RecordAsync("claims.coverage.create", "coverage", period.Id.ToString(), elder.Id, CoverageRules.Code(cls.Value));
        return ToDto(period);
    }

    /// <summary>Signed GB/T 42195 / 长护险 2021 assessments of these elders assessed on or before <paramref name="until"/>.</summary>
    private static Task<List<SignedAssessment>> SignedAssessmentsAsync(YiyangDb db, IReadOnlyCollection<long> elderIds, DateOnly until, CancellationToken ct) =>
        db.Set<Assessment>().AsNoTracking()
            .Where(a => elderIds.Contains(a.ElderId) && a.Status == AssessmentStatus.Signed && ClaimRules.Instruments.Contains(a.InstrumentCode) && a.AssessedOn <= until)
            .Select(a => new SignedAssessment(a.Id, a.ElderId, a.InstrumentCode, a.AssessedOn, a.NextDue, a.LevelCode, a.LevelName))
            .ToListAsync(ct);

    // ---------------------------------------------------------------- claims

    public async Task<ClaimDto> GenerateAsync(ClaimInput input, CancellationToken ct)
    {
        if (!Writes) throw new ForbiddenException();
        var errors = new FieldErrors();
        var cls = CoverageRules.Parse(input.PayerClass);
        if (cls is null) errors.Add("payerClass", "请选择支付方（保险）类别。");
        else if (cls != PayerClass.LtcInstitution) errors.Add("payerClass", "目前仅支持按床日向长护险（机构）结算。");
        if (!ClaimRules.TryParseMonth(input.Month, out var year, out var month)) errors.Add("month", "月份格式应为 YYYY-MM。");
        else if (new DateOnly(year, month, 1) > Today) errors.Add("month", "不能结算尚未开始的月份。");
        errors.ThrowIfAny();
        var org = await OrgAsync(input.OrganizationId, write: true, ct);
        var monthText = input.Month!;
        var payer = cls!.Value;
        if (await db.Set<Claim>().AnyAsync(c => c.OrganizationId == org.Id && c.PayerClass == payer && c.Month == monthText, ct))
            throw new ConflictException("claim-exists", $"{org.Name} {monthText} 的{CoverageRules.Name(payer)}结算单已生成。");

        var claim = await BuildAsync(db, org.Id, payer, year, month, Today, options.Value, Actor, clock.GetUtcNow(), ct);
        var billed = claim.Lines.Where(l => l.ExcludedReason is null).ToList();
        db.Add(claim);
        foreach (var l in billed)
            db.TimelineEvents.Add(TimelineEvent.Create(l.ElderId, claim.CreatedAt, "claims.line.created", Module,
                $"{CoverageRules.Name(payer)}结算 {monthText}：{l.BedDays} 床日 × {l.DailyRate:0.00} 元（{l.GradeName}）= {l.Amount:0.00} 元（{org.Name}）", Actor));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new ConflictException("claim-exists", $"{org.Name} {monthText} 的{CoverageRules.Name(payer)}结算单已生成。");
        }
        await audit.RecordAsync("claims.claim.generate", "claim", claim.Id.ToString(), null, $"{org.Id} {CoverageRules.Code(payer)} {monthText}");
        return await GetAsync(claim.Id, ct, audited: false);
    }

    /// <summary>
    /// Builds (does not save) the monthly claim of an institution: one line per resident of the month, billed
    /// (<see cref="BedDayRules"/> × daily rate of the care grade) or excluded with the reason. Shared with the demo data.
    /// </summary>
    public static async Task<Claim> BuildAsync(YiyangDb db, long orgId, PayerClass payer, int year, int month, DateOnly today, ClaimsOptions opts,
        string actor, DateTimeOffset now, CancellationToken ct)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var stays = await db.Set<InstitutionStay>().AsNoTracking()
            .Where(s => s.OrganizationId == orgId && s.AdmittedOn <= last && (s.DischargedOn == null || s.DischargedOn >= first))
            .ToListAsync(ct);
        var elderIds = stays.Select(s => s.ElderId).Distinct().ToList();
        var stayIds = stays.Select(s => s.Id).ToList();
        var leaves = await db.Set<InstitutionLeave>().AsNoTracking()
            .Where(l => stayIds.Contains(l.StayId) && l.StartOn <= last && (l.ReturnedOn == null || l.ReturnedOn >= first))
            .Select(l => new { l.ElderId, l.Kind, l.StartOn, l.ReturnedOn })
            .ToListAsync(ct);
        var periods = await db.Set<CoveragePeriod>().AsNoTracking()
            .Where(p => elderIds.Contains(p.ElderId) && p.PayerClass == payer && p.StartOn <= last && (p.EndOn == null || p.EndOn >= first))
            .ToListAsync(ct);
        var assessments = await SignedAssessmentsAsync(db, elderIds, last, ct);
        var rates = await db.Set<DailyRate>().AsNoTracking().ToListAsync(ct);

        var claim = new Claim
        {
            OrganizationId = orgId,
            PayerClass = payer,
            Month = $"{year:D4}-{month:D2}",
            Status = ClaimStatus.Draft,
            CreatedByUser = actor,
            CreatedAt = now,
        };
        foreach (var elderId in elderIds.Order())
        {
            var line = new ClaimLine { ElderId = elderId };
            claim.Lines.Add(line);
            var days = BedDayRules.Days(stays.Where(s => s.ElderId == elderId).Select(s => new BedDayRules.Stay(s.AdmittedOn, s.DischargedOn)),
                year, month, periods.Where(p => p.ElderId == elderId).Select(p => new BedDayRules.Range(p.StartOn, p.EndOn)), opts, today,
                leaves.Where(l => l.ElderId == elderId).Select(l => new BedDayRules.Leave(l.Kind == LeaveKind.Hospitalised, l.StartOn, l.ReturnedOn)));
            line.BedDays = days.Count;
            if (days.Count == 0)
            {
                line.ExcludedReason = $"本月无{CoverageRules.Name(payer)}待遇期内的床日。";
                continue;
            }
            var lastDay = days[^1];
            var a = ClaimRules.LatestOn(assessments, elderId, lastDay);
            if (a is null)
            {
                line.ExcludedReason = "无有效的失能等级评估（需已签署的长期护理失能等级评估或 GB/T 42195 老年人能力评估）。";
                continue;
            }
            line.AssessmentId = a.Id;
            line.InstrumentCode = a.InstrumentCode;
            line.GradeCode = a.LevelCode;
            line.GradeName = a.LevelName;
            if (ClaimRules.ExpiredOn(a, lastDay))
            {
                line.AssessmentId = null;
                line.ExcludedReason = $"失能等级评估已于 {a.NextDue:yyyy-MM-dd} 到期，请重新评估。";
                continue;
            }
            var rate = a.LevelCode is { } g
                ? rates.FirstOrDefault(r => r.InstrumentCode == a.InstrumentCode && r.GradeCode == g)?.Rate ?? ClaimRules.DefaultRate(a.InstrumentCode, g)
                : null;
            if (rate is null || rate == 0)
            {
                line.AssessmentId = null;
                line.ExcludedReason = $"评估等级（{a.LevelName ?? "无"}）不在长护险支付范围内。";
                continue;
            }
            line.DailyRate = rate;
            line.Amount = Math.Round(rate.Value * days.Count, 2, MidpointRounding.AwayFromZero);
        }
        var billed = claim.Lines.Where(l => l.ExcludedReason is null).ToList();
        claim.BedDays = billed.Sum(l => l.BedDays);
        claim.Amount = billed.Sum(l => l.Amount);
        return claim;
    }

    public async Task<IReadOnlyList<ClaimSummaryDto>> ListAsync(long? orgId, CancellationToken ct)
    {
        var q = from c in db.Set<Claim>().AsNoTracking()
                join o in db.Organizations.AsNoTracking() on c.OrganizationId equals o.Id
                select new { c, o.Name, o.TownshipCode };
        if (orgId is not null) q = q.Where(x => x.c.OrganizationId == orgId);
        q = user.Role switch
        {
            Roles.PlatformAdmin => q,
            Roles.InstitutionAdmin => q.Where(x => x.c.OrganizationId == user.OrganizationId),
            Roles.Regulator => q.Where(x => x.TownshipCode.StartsWith(user.RegionCode ?? "-")),
            _ => q.Where(x => false),
        };
        var rows = await q.OrderByDescending(x => x.c.Month).ThenBy(x => x.c.Id).Take(200).ToListAsync(ct);
        return rows.Select(x => new ClaimSummaryDto(x.c.Id, x.c.OrganizationId, x.Name, CoverageRules.Code(x.c.PayerClass), CoverageRules.Name(x.c.PayerClass),
            x.c.Month, ClaimRules.StatusCode(x.c.Status), ClaimRules.StatusName(x.c.Status), x.c.BedDays, x.c.Amount)).ToList();
    }

    public async Task<ClaimDto> GetAsync(long id, CancellationToken ct, bool audited = true)
    {
        var claim = await db.Set<Claim>().AsNoTracking().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == id, ct)
                    ?? throw new NotFoundException("未找到该结算单，或您无权查看。");
        var org = await OrgAsync(claim.OrganizationId, write: false, ct);
        var ids = claim.Lines.Select(l => l.ElderId).ToList();
        var names = await db.Elders.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        ClaimLineDto Line(ClaimLine l) => new(l.ElderId, Masking.Name(names.GetValueOrDefault(l.ElderId, "")), l.BedDays, l.AssessmentId, l.InstrumentCode,
            l.GradeCode, l.GradeName, l.DailyRate, l.Amount, l.ExcludedReason);
        var lines = claim.Lines.OrderBy(l => l.ElderId).ToList();
        if (audited) await audit.RecordAsync("claims.claim.read", "claim", claim.Id.ToString(), null);
        return new ClaimDto(claim.Id, claim.OrganizationId, org.Name, CoverageRules.Code(claim.PayerClass), CoverageRules.Name(claim.PayerClass), claim.Month,
            ClaimRules.StatusCode(claim.Status), ClaimRules.StatusName(claim.Status), claim.BedDays, claim.Amount,
            lines.Where(l => l.ExcludedReason is null).Select(Line).ToList(), lines.Where(l => l.ExcludedReason is not null).Select(Line).ToList(), claim.Version);
    }

    public async Task<ClaimDto> SubmitAsync(long id, int? expectedVersion, CancellationToken ct)
    {
        if (!Writes) throw new ForbiddenException();
        var claim = await db.Set<Claim>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("未找到该结算单，或您无权查看。");
        await OrgAsync(claim.OrganizationId, write: true, ct);
        Etags.CheckVersion(claim.Version, expectedVersion, null);
        if (claim.Status != ClaimStatus.Draft) throw new ConflictException("claim-submitted", "该结算单已提交，不能再次提交。");
        claim.Status = ClaimStatus.Submitted;
        claim.SubmittedAt = clock.GetUtcNow();
        claim.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("concurrency", "结算单已被他人修改，请刷新后再试。");
        }
        await audit.RecordAsync("claims.claim.submit", "claim", claim.Id.ToString(), null);
        return await GetAsync(id, ct, audited: false);
    }

    public async Task<byte[]> ExportAsync(long id, CancellationToken ct)
    {
        var claim = await GetAsync(id, ct, audited: false);
        await audit.RecordAsync("claims.claim.export", "claim", claim.Id.ToString(), null);
        return ClaimWorkbook.Build(claim);
    }
}
