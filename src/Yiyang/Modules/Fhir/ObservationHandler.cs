using System.Globalization;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.HomeVisits;
using R4 = Hl7.Fhir.Model;

namespace Yiyang.Modules.Fhir;

/// <summary>
/// Observation read and search over the vitals recorded in home visits (<see cref="VitalSigns"/>), in the caller's elder
/// scope; reads audited. Paging is keyset on (row id, kind): the cursor is <c>{row}.{kind index}</c>.
/// </summary>
public sealed class ObservationHandler(YiyangDb db, CurrentUser user, AuditTrail audit) : IFhirResourceHandler
{
    public const string IncludePatient = "Observation:patient";

    public string ResourceType => "Observation";
    public string Policy => FamilyDoctorPolicies.Read;
    public IReadOnlyList<string> Includes { get; } = [IncludePatient];

    public IReadOnlyList<FhirSearchParam> SearchParams { get; } =
    [
        new("patient", FhirParamType.Reference, "服务对象（Patient/{id}）"),
        new("subject", FhirParamType.Reference, "同 patient"),
        new("date", FhirParamType.Date, "测量时间（effectiveDateTime）"),
        new("code", FhirParamType.Token, "LOINC 代码（http://loinc.org|8867-4 等；8480-6/8462-4 匹配血压组合）"),
        new("category", FhirParamType.Token, "vital-signs | laboratory"),
        new("status", FhirParamType.Token, "final（上门记录的测量值均为 final）"),
    ];

    private static NotFoundException NotFound() => new("未找到该观察记录，或您无权查看。");

    /// <summary>A vitals row with its visit's elder and version (member-initialised, so that EF composes filters on it).</summary>
    private sealed class Row
    {
        public required HomeVisitVital Vital { get; init; }
        public long ElderId { get; init; }
        public int Version { get; init; }
    }

    private IQueryable<Row> Rows() =>
        from v in db.Set<HomeVisitVital>().AsNoTracking()
        join visit in db.ScopedByElder<HomeVisit>(user) on v.VisitId equals visit.Id
        select new Row { Vital = v, ElderId = visit.ElderId, Version = visit.Version };

    public async Task<R4.Resource> ReadAsync(string id, CancellationToken ct)
    {
        var (rowId, kind) = ParseId(id) ?? throw NotFound();
        var row = await Rows().FirstOrDefaultAsync(r => r.Vital.Id == rowId, ct);
        if (row is null || !VitalSigns.Has(row.Vital, kind)) throw NotFound();
        await audit.RecordAsync("homecare.vitals.view", "home-visit", FhirMapping.Id(row.Vital.VisitId), row.ElderId, "via=fhir", wait: false);
        return VitalSigns.Map(row.Vital, row.ElderId, row.Version, kind);
    }

    private static (long Row, VitalSigns.Kind Kind)? ParseId(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || FhirMapping.ParseId(id[..dash]) is not { } row || VitalSigns.BySuffix(id[(dash + 1)..]) is not { } kind) return null;
        return (row, kind);
    }

    public async Task<FhirPage> SearchAsync(FhirSearch search, CancellationToken ct)
    {
        var kinds = Kinds(search);
        var q = Rows();
        var ids = search.Tokens("_id").Select(t => ParseId(t.Code)).ToList();
        if (ids.Count > 0)
        {
            var rowIds = ids.Where(i => i is not null).Select(i => i!.Value.Row).ToList();
            q = q.Where(r => rowIds.Contains(r.Vital.Id));
            kinds = kinds.Intersect(ids.Where(i => i is not null).Select(i => i!.Value.Kind)).ToList();
        }
        foreach (var param in new[] { "patient", "subject" })
        {
            if (search.ReferenceId(param, "Patient") is { } elderId) q = q.Where(r => r.ElderId == elderId);
        }
        foreach (var s in search.Tokens("status"))
        {
            if (s.Code != "final") q = q.Where(r => false);
        }
        q = q.WhereInstant(r => r.Vital.RecordedAt, search.Dates("date")).WhereInstant(r => r.Vital.RecordedAt, search.Dates("_lastUpdated"));
        bool bp = kinds.Contains(VitalSigns.BloodPressure), hr = kinds.Contains(VitalSigns.HeartRate), temp = kinds.Contains(VitalSigns.Temperature),
            glu = kinds.Contains(VitalSigns.Glucose), spo2 = kinds.Contains(VitalSigns.OxygenSaturation), wt = kinds.Contains(VitalSigns.Weight);
        q = q.Where(r => (bp && (r.Vital.SystolicMmHg != null || r.Vital.DiastolicMmHg != null)) || (hr && r.Vital.PulsePerMin != null)
                         || (temp && r.Vital.TemperatureC != null) || (glu && r.Vital.GlucoseMmolL != null)
                         || (spo2 && r.Vital.Spo2Percent != null) || (wt && r.Vital.WeightKg != null));
        // the observations of the matching rows (a row gives one per kind it holds), counted up to the cap
        var total = await search.TotalAsync(q, int.MaxValue, (rows, token) => rows.SumAsync(r =>
            ((bp && (r.Vital.SystolicMmHg != null || r.Vital.DiastolicMmHg != null)) ? 1 : 0) + ((hr && r.Vital.PulsePerMin != null) ? 1 : 0)
            + ((temp && r.Vital.TemperatureC != null) ? 1 : 0) + ((glu && r.Vital.GlucoseMmolL != null) ? 1 : 0)
            + ((spo2 && r.Vital.Spo2Percent != null) ? 1 : 0) + ((wt && r.Vital.WeightKg != null) ? 1 : 0), token), ct);
        return await PageAsync(q, kinds, total, search, ct);
    }

    /// <summary>The kinds the code and category conditions leave (all when neither is given).</summary>
    private static List<VitalSigns.Kind> Kinds(FhirSearch search)
    {
        var kinds = VitalSigns.All.ToList();
        var codes = search.Tokens("code");
        if (codes.Count > 0)
            kinds = codes.Where(c => c.Accepts(VitalSigns.Loinc)).Select(c => VitalSigns.ByCode(c.Code)).OfType<VitalSigns.Kind>().Distinct().ToList();
        var categories = search.Tokens("category");
        if (categories.Count > 0)
            kinds = kinds.Where(k => categories.Any(c => c.Accepts(VitalSigns.CategorySystem) && c.Code == k.Category)).ToList();
        return kinds;
    }

    private async Task<FhirPage> PageAsync(IQueryable<Row> q, List<VitalSigns.Kind> kinds, int? total, FhirSearch search, CancellationToken ct)
    {
        var (afterRow, afterKind) = ParseCursor(search.After);
        // every row gives at least one observation; the first may give none past the cursor, hence two extra rows
        var rows = await q.Where(r => r.Vital.Id >= afterRow).OrderBy(r => r.Vital.Id).Take(search.Count + 2).ToListAsync(ct);
        var items = rows.SelectMany(r => kinds.Where(k => VitalSigns.Has(r.Vital, k)).OrderBy(k => k.Index).Select(k => (Row: r, Kind: k)))
            .Where(x => x.Row.Vital.Id > afterRow || x.Kind.Index > afterKind).ToList();
        var more = items.Count > search.Count;
        var page = items.Take(search.Count).ToList();
        var elders = page.Select(x => x.Row.ElderId).Distinct().ToList();
        await audit.RecordListAsync("homecare.vitals.list", "home-visit", null, search.After is null ? 1 : 0, elders, $"via=fhir; results={search.ResultsText(total)}");
        var next = more ? $"{FhirMapping.Id(page[^1].Row.Vital.Id)}.{page[^1].Kind.Index.ToString(CultureInfo.InvariantCulture)}" : null;
        return new FhirPage(page.Select(x => (R4.Resource)VitalSigns.Map(x.Row.Vital, x.Row.ElderId, x.Row.Version, x.Kind)).ToList(), total, next, elders);
    }

    private static (long Row, int Kind) ParseCursor(string? after)
    {
        if (after is null) return (0, -1);
        var parts = after.Split('.');
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var row)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kind))
            return (row, kind);
        throw FhirErrors.Invalid(FhirSearch.CursorParam, "翻页游标无效，请从第一页重新查询。");
    }
}
