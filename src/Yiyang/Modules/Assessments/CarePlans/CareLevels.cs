using System.Globalization;
using System.Text.Json;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>
/// Care levels (docs/domain/care-plans-and-ltc.md): the care-level mapping in force, and an elder's care level from the
/// latest signed unexpired assessment. Also read by other modules (admission shows the care level).
/// </summary>
public sealed class CareLevels(YiyangDb db, CurrentUser user, InstrumentCatalog catalog, AuditTrail audit, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The mapping in force: the newest version, or the built-in default (version 0).</summary>
    public async Task<CareLevelMappingDto> MappingAsync(CancellationToken ct)
    {
        var row = await db.Set<CareLevelMapping>().AsNoTracking().OrderByDescending(m => m.MappingVersion).FirstOrDefaultAsync(ct);
        return row is null ? new CareLevelMappingDto(0, CareLevelMap.Default, null, null, null, true) : ToDto(row);
    }

    public static CareLevelMappingDto ToDto(CareLevelMapping row) =>
        new(row.MappingVersion, JsonSerializer.Deserialize<CareLevelMap>(row.MapJson, Json)!, row.Note, row.CreatedBy, row.CreatedAt, false);

    public async Task<Elder> ScopedElderAsync(long? elderId, CancellationToken ct, bool forWrite = false)
    {
        if (elderId is not { } id) throw ValidationFailedException.For("elderId", "请选择老年人。");
        return await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite).FirstOrDefaultAsync(e => e.Id == id, ct)
               ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
    }

    /// <summary>
    /// Signed GB/T 42195 / 长护险 assessments in force: signed ones, and superseded ones whose correction is still a draft.
    /// </summary>
    private IQueryable<Assessment> Effective()
    {
        var all = db.Set<Assessment>();
        var periodic = ReassessmentRules.Periodic.ToList();
        return all.AsNoTracking().Where(a => periodic.Contains(a.InstrumentCode)
            && (a.Status == AssessmentStatus.Signed
                || (a.Status == AssessmentStatus.Superseded && !all.Any(n => n.PreviousId == a.Id && n.Status != AssessmentStatus.Draft))));
    }

    public BasisDto Basis(Assessment a, DateOnly today) =>
        new(a.Id, a.InstrumentCode, catalog.Find(a.InstrumentCode)?.Name ?? a.InstrumentCode, a.AssessedOn, a.LevelCode, a.LevelName, a.NextDue,
            !CareLevelRules.ValidOn(a.NextDue, today));

    /// <summary>An elder's care level: the level, the mapping version, the valid assessment behind it and the latest one.</summary>
    public sealed record Level(CareLevelDef? CareLevel, int MappingVersion, Assessment? Valid, Assessment? Latest);

    public async Task<Level> LevelAsync(long elderId, CancellationToken ct)
    {
        var today = clock.ChinaToday();
        var mapping = await MappingAsync(ct);
        var latest = await Effective().Where(a => a.ElderId == elderId)
            .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        var valid = latest is null || CareLevelRules.ValidOn(latest.NextDue, today)
            ? latest
            : await Effective().Where(a => a.ElderId == elderId && (a.NextDue == null || a.NextDue >= today))
                .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        var level = valid is null ? null : CareLevelRules.Apply(mapping.Map, valid.InstrumentCode, valid.LevelCode);
        return new Level(level, mapping.Version, valid, latest);
    }

    /// <summary>The elder's care level: the mapping applied to the latest signed assessment that has not expired.</summary>
    public async Task<ElderCareLevelDto> ElderCareLevelAsync(long elderId, CancellationToken ct)
    {
        var elder = await ScopedElderAsync(elderId, ct);
        var today = clock.ChinaToday();
        var l = await LevelAsync(elder.Id, ct);
        var expired = l.Latest is not null && l.Latest.Id != l.Valid?.Id ? Basis(l.Latest, today) : null;
        await audit.RecordAsync("assessments.care-level.view", "elder", elder.Id.ToString(CultureInfo.InvariantCulture), elder.Id, wait: false);
        return new ElderCareLevelDto(elder.Id, l.CareLevel, l.MappingVersion, l.Valid is null ? null : Basis(l.Valid, today), expired);
    }

    /// <summary>
    /// The name of the elder's current care level, without the elder scope: for a caller that has already established the
    /// right to act for this elder (admission by ID card of an elder registered elsewhere, docs/domain/institutions.md#admission-by-id-card).
    /// </summary>
    public async Task<string?> CareLevelNameUnscopedAsync(long elderId, CancellationToken ct) =>
        (await LevelAsync(elderId, ct)).CareLevel?.Name;
}
