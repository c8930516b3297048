using Yiyang.Modules.HomeVisits;
using R4 = Hl7.Fhir.Model;

namespace Yiyang.Modules.Fhir;

/// <summary>
/// The measurements of a home visit's vitals row as Observations: one per kind, id <c>{row}-{kind}</c>, LOINC coded
/// (docs/fhir.md#observation). Blood pressure is one 85354-9 panel with systolic and diastolic components; blood glucose
/// is stored in mmol/L, so it is 15074-8 (moles/volume), not the mass code 2339-0.
/// </summary>
public static class VitalSigns
{
    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>One kind: its id suffix, LOINC code(s), profile, category, UCUM unit and Chinese name.</summary>
    public sealed record Kind(int Index, string Suffix, string Code, string Display, string? Profile, string Category, string Unit, string Name)
    {
        /// <summary>Extra codings (pulse oximetry's specific code beside the profile's 2708-6).</summary>
        public (string Code, string Display)[] Also { get; init; } = [];
    }

    public static readonly Kind BloodPressure = new(0, "bp", "85354-9", "Blood pressure panel with all children optional", "http://hl7.org/fhir/StructureDefinition/bp", "vital-signs", "mm[Hg]", "血压");
    public static readonly Kind HeartRate = new(1, "hr", "8867-4", "Heart rate", "http://hl7.org/fhir/StructureDefinition/heartrate", "vital-signs", "/min", "心率");
    public static readonly Kind Temperature = new(2, "temp", "8310-5", "Body temperature", "http://hl7.org/fhir/StructureDefinition/bodytemp", "vital-signs", "Cel", "体温");
    public static readonly Kind Glucose = new(3, "glu", "15074-8", "Glucose [Moles/volume] in Blood", null, "laboratory", "mmol/L", "血糖");
    public static readonly Kind OxygenSaturation = new(4, "spo2", "2708-6", "Oxygen saturation in Arterial blood", "http://hl7.org/fhir/StructureDefinition/oxygensat", "vital-signs", "%", "血氧饱和度")
    {
        Also = [("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry")],
    };
    public static readonly Kind Weight = new(5, "wt", "29463-7", "Body weight", "http://hl7.org/fhir/StructureDefinition/bodyweight", "vital-signs", "kg", "体重");

    public static readonly IReadOnlyList<Kind> All = [BloodPressure, HeartRate, Temperature, Glucose, OxygenSaturation, Weight];

    public const string Systolic = "8480-6";
    public const string Diastolic = "8462-4";

    /// <summary>The kinds a LOINC code names (a component code names the panel), or null when none.</summary>
    public static Kind? ByCode(string code) =>
        All.FirstOrDefault(k => k.Code == code || k.Also.Any(a => a.Code == code)) ?? (code is Systolic or Diastolic ? BloodPressure : null);

    public static Kind? BySuffix(string suffix) => All.FirstOrDefault(k => k.Suffix == suffix);

    /// <summary>Whether the row holds a value of the kind.</summary>
    public static bool Has(HomeVisitVital v, Kind k) => k.Index switch
    {
        0 => v.SystolicMmHg is not null || v.DiastolicMmHg is not null,
        1 => v.PulsePerMin is not null,
        2 => v.TemperatureC is not null,
        3 => v.GlucoseMmolL is not null,
        4 => v.Spo2Percent is not null,
        _ => v.WeightKg is not null,
    };

    public static R4.Observation Map(HomeVisitVital v, long elderId, int version, Kind k)
    {
        var o = new R4.Observation
        {
            Id = $"{FhirMapping.Id(v.Id)}-{k.Suffix}",
            Meta = FhirMapping.Meta(version, v.RecordedAt),
            Status = R4.ObservationStatus.Final,
            Code = new R4.CodeableConcept(Loinc, k.Code, k.Display, k.Name),
            Subject = FhirMapping.Reference("Patient", elderId),
            Encounter = FhirMapping.Reference("Encounter", v.VisitId),
            Effective = new R4.FhirDateTime(v.RecordedAt),
        };
        foreach (var (code, display) in k.Also) o.Code.Coding.Add(new R4.Coding(Loinc, code, display));
        if (k.Profile is { } profile) o.Meta.Profile = [profile];
        o.Category.Add(new R4.CodeableConcept(CategorySystem, k.Category, k.Category == "vital-signs" ? "Vital Signs" : "Laboratory"));
        if (k == BloodPressure)
        {
            o.Component.Add(Component(Systolic, "Systolic blood pressure", "收缩压", v.SystolicMmHg, k.Unit));
            o.Component.Add(Component(Diastolic, "Diastolic blood pressure", "舒张压", v.DiastolicMmHg, k.Unit));
        }
        else
        {
            o.Value = Quantity(k.Index switch
            {
                1 => v.PulsePerMin,
                2 => v.TemperatureC,
                3 => v.GlucoseMmolL,
                4 => v.Spo2Percent,
                _ => v.WeightKg,
            }, k.Unit);
        }
        return o;
    }

    private static R4.Observation.ComponentComponent Component(string code, string display, string name, int? value, string unit)
    {
        var c = new R4.Observation.ComponentComponent { Code = new R4.CodeableConcept(Loinc, code, display, name) };
        if (value is { } n) c.Value = Quantity(n, unit);
        else c.DataAbsentReason = new R4.CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed");
        return c;
    }

    private static R4.Quantity Quantity(decimal? value, string unit) => new()
    {
        Value = value,
        Unit = unit,
        System = Ucum,
        Code = unit,
    };
}
