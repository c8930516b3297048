using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.HomeVisits;
using R4 = Hl7.Fhir.Model;

namespace Yiyang.Modules.Fhir;

/// <summary>Encounter read and search over home visits (上门巡诊/出诊), in the caller's elder scope; reads audited.</summary>
public sealed class EncounterHandler(YiyangDb db, CurrentUser user, AuditTrail audit) : IFhirResourceHandler
{
    public const string IncludePatient = "Encounter:patient";

    public string ResourceType => "Encounter";
    public string Policy => FamilyDoctorPolicies.Read;
    public IReadOnlyList<string> Includes { get; } = [IncludePatient];

    public IReadOnlyList<FhirSearchParam> SearchParams { get; } =
    [
        new("patient", FhirParamType.Reference, "服务对象（Patient/{id}）"),
        new("subject", FhirParamType.Reference, "同 patient"),
        new("date", FhirParamType.Date, "签到时间（period.start）"),
        new("status", FhirParamType.Token, "planned | in-progress | finished"),
    ];

    private static NotFoundException NotFound() => new("未找到该上门服务记录，或您无权查看。");

    public async Task<R4.Resource> ReadAsync(string id, CancellationToken ct)
    {
        var visitId = FhirMapping.ParseId(id) ?? throw NotFound();
        var v = await db.ScopedByElder<HomeVisit>(user).AsNoTracking().FirstOrDefaultAsync(x => x.Id == visitId, ct) ?? throw NotFound();
        await audit.RecordAsync("homecare.visit.view", "home-visit", FhirMapping.Id(v.Id), v.ElderId, "via=fhir", wait: false);
        return Map(v);
    }

    public async Task<FhirPage> SearchAsync(FhirSearch search, CancellationToken ct)
    {
        var q = db.ScopedByElder<HomeVisit>(user).AsNoTracking();
        if (search.Ids() is { } ids) q = q.Where(v => ids.Contains(v.Id));
        foreach (var param in new[] { "patient", "subject" })
        {
            if (search.ReferenceId(param, "Patient") is { } elderId) q = q.Where(v => v.ElderId == elderId);
        }
        var statuses = search.Tokens("status");
        if (statuses.Count > 0)
        {
            var wanted = statuses.Select(s => StatusOf(s.Code) ?? throw FhirErrors.Invalid("status", "状态应为 planned、in-progress 或 finished。")).ToList();
            q = q.Where(v => wanted.Contains(v.Status));
        }
        q = q.WhereInstant(v => v.CheckedInAt, search.Dates("date")).WhereInstant(v => v.UpdatedAt, search.Dates("_lastUpdated"));

        var page = await KeysetPage<HomeVisit>.ReadAsync(q, v => v.Id, search, ct);
        var elders = page.Rows.Select(v => v.ElderId).Distinct().ToList();
        await audit.RecordListAsync("homecare.visit.list", "home-visit", null, search.After is null ? 1 : 0, elders, $"via=fhir; results={search.ResultsText(page.Total)}");
        return new FhirPage(page.Rows.Select(Map).ToList<R4.Resource>(), page.Total, page.Next(v => v.Id), elders);
    }

    private static VisitStatus? StatusOf(string code) => code switch
    {
        "planned" => VisitStatus.Planned,
        "in-progress" => VisitStatus.CheckedIn,
        "finished" => VisitStatus.Completed,
        _ => null,
    };

    public static R4.Encounter Map(HomeVisit v)
    {
        var e = new R4.Encounter
        {
            Id = FhirMapping.Id(v.Id),
            Meta = FhirMapping.Meta(v.Version, v.UpdatedAt),
            Status = v.Status switch
            {
                VisitStatus.Planned => R4.Encounter.EncounterStatus.Planned,
                VisitStatus.CheckedIn => R4.Encounter.EncounterStatus.InProgress,
                _ => R4.Encounter.EncounterStatus.Finished,
            },
            Class = new R4.Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HH", "home health"),
            Subject = FhirMapping.Reference("Patient", v.ElderId),
        };
        e.Type.Add(new R4.CodeableConcept(FhirMapping.VisitSourceSystem, VisitRules.SourceCode(v.Source), VisitRules.Kind(v.Source))
        {
            Text = VisitRules.Kind(v.Source),
        });
        if (v.OrganizationId is { } org) e.ServiceProvider = FhirMapping.Reference("Organization", org);
        if (v.CheckedInAt is { } start)
            e.Period = new R4.Period { StartElement = new R4.FhirDateTime(start), EndElement = v.CheckedOutAt is { } end ? new R4.FhirDateTime(end) : null };
        e.Extension.Add(new R4.Extension(FhirMapping.PlannedDateExtension,
            new R4.Date(v.PlannedDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        return e;
    }
}
