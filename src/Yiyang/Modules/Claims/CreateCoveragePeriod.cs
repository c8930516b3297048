using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Claims;

/// <summary>
/// 新增待遇期: a coverage period of an elder and payer class. Periods of mutually exclusive classes never overlap
/// (<see cref="CoverageRules"/>; enforced by the database too); a 长护险 period rests on a valid signed assessment.
/// </summary>
public sealed class CreateCoveragePeriod(YiyangDb db, AuditTrail audit, TimeProvider clock, ClaimAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/coverage-periods", async Task<Created<CoverageDto>> (CoverageInput input, CreateCoveragePeriod handler, CancellationToken ct) =>
            {
                var p = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/claims/coverage-periods/{p.Id}", p);
            })
            .RequireAuthorization(ClaimPolicies.Write)
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("新增待遇期：payerClass ltc-institution / ltc-home / medical-inpatient / sickbed / care-self-pay / civil-subsidy；互斥类别日期重叠 → 409（说明与哪一类别、哪段日期重叠）");

    /// <summary>Is this database error the coverage exclusion (PostgreSQL EXCLUDE constraint or the SQLite trigger)?</summary>
    private static bool IsOverlapViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == "23P01",
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("claims_coverage_overlap", StringComparison.Ordinal),
        _ => false,
    };

    public async Task<CoverageDto> HandleAsync(CoverageInput input, CancellationToken ct)
    {
        access.DemandWriter();
        var (cls, note) = Validate(input);
        var org = await access.OrgAsync(input.OrganizationId, write: true, ct);
        var elder = await access.ElderAsync(input.ElderId, ct, forWrite: true);
        var start = input.StartOn!.Value;
        var end = input.EndOn;
        if (ClaimRules.NeedsAssessment(cls)) await CheckAssessmentAsync(elder, cls, start, ct);
        var existing = await db.Set<CoveragePeriod>().AsNoTracking().Where(p => p.ElderId == elder.Id).OrderBy(p => p.StartOn).ToListAsync(ct);
        if (Clash(existing, cls, start, end) is { } clash)
            throw new ConflictException("coverage-overlap", CoverageRules.OverlapMessage(cls, clash.PayerClass, clash.StartOn, clash.EndOn));

        var now = clock.GetUtcNow();
        var period = new CoveragePeriod
        {
            ElderId = elder.Id,
            OrganizationId = org.Id,
            PayerClass = cls,
            StartOn = start,
            EndOn = end,
            Note = note,
            CreatedByUser = access.Actor,
            CreatedAt = now,
            Slots = CoverageRules.Groups(cls).Select(g => new CoverageSlot { ElderId = elder.Id, ExclusionGroup = g, StartOn = start, EndOn = end }).ToList(),
        };
        db.Add(period);
        db.TimelineEvents.Add(TimelineEvent.Create(elder.Id, now, "claims.coverage.created", ClaimAccess.Module,
            $"待遇期：{CoverageRules.Name(cls)} {CoverageRules.Range(start, end)}（{org.Name}）", access.Actor));
        await SaveAsync(elder.Id, cls, start, end, ct);
        await audit.RecordAsync("claims.coverage.create", "coverage", period.Id.ToString(), elder.Id, CoverageRules.Code(cls));
        return ClaimMapping.ToDto(period);
    }

    private (PayerClass Class, string? Note) Validate(CoverageInput input)
    {
        var errors = new FieldErrors();
        if (input.ElderId is null) errors.Add("elderId", "请选择老年人。");
        var cls = CoverageRules.Parse(input.PayerClass);
        if (cls is null) errors.Add("payerClass", "支付方类别只能是长护险机构、长护险居家、医保住院、家庭病床、养老机构自费或民政补贴。");
        if (input.StartOn is null) errors.Add("startOn", "请填写开始日期。");
        else if (input.EndOn is { } e && e < input.StartOn) errors.Add("endOn", "结束日期不能早于开始日期。");
        var today = clock.ChinaToday();
        if (input.StartOn is { } s && (s < today.AddYears(-10) || s > today.AddYears(1))) errors.Add("startOn", "开始日期应在 10 年前至 1 年后之间。");
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : Masking.Scrub(input.Note.Trim());
        if (note is { Length: > 200 }) errors.Add("note", "备注最多 200 个字。");
        errors.ThrowIfAny();
        return (cls!.Value, note);
    }

    /// <summary>A 长护险 period rests on a signed 失能等级评估 valid on its first day (the claim-line rule).</summary>
    private async Task CheckAssessmentAsync(Elder elder, PayerClass cls, DateOnly start, CancellationToken ct)
    {
        var basis = ClaimRules.LatestOn(await ClaimBuilder.SignedAssessmentsAsync(db, [elder.Id], start, ct), elder.Id, start);
        if (basis is null)
            throw ValidationFailedException.For("startOn",
                $"该老年人在 {start:yyyy-MM-dd} 前没有已签署的失能等级评估（长期护理失能等级评估或 GB/T 42195 老年人能力评估），不能登记{CoverageRules.Name(cls)}待遇期。请先完成评估。");
        if (ClaimRules.ExpiredOn(basis, start))
            throw ValidationFailedException.For("startOn",
                $"该老年人的失能等级评估已于 {basis.NextDue:yyyy-MM-dd} 到期，{start:yyyy-MM-dd} 起不能登记{CoverageRules.Name(cls)}待遇期。请先重新评估。");
    }

    private static CoveragePeriod? Clash(IEnumerable<CoveragePeriod> periods, PayerClass cls, DateOnly start, DateOnly? end) =>
        periods.FirstOrDefault(p => CoverageRules.Conflicts(cls, p.PayerClass) && CoverageRules.Overlaps(start, end, p.StartOn, p.EndOn));

    /// <summary>Saves; when a concurrent request won the race (the exclusion constraint), names what now overlaps.</summary>
    private async Task SaveAsync(long elderId, PayerClass cls, DateOnly start, DateOnly? end, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (IsOverlapViolation(ex))
        {
            db.ChangeTracker.Clear();
            var now = await db.Set<CoveragePeriod>().AsNoTracking().Where(p => p.ElderId == elderId).ToListAsync(ct);
            var c = Clash(now, cls, start, end);
            throw new ConflictException("coverage-overlap", c is null
                ? $"与已有的待遇期重叠：{CoverageRules.Name(cls)}不能与之同时享受。"
                : CoverageRules.OverlapMessage(cls, c.PayerClass, c.StartOn, c.EndOn));
        }
    }
}
