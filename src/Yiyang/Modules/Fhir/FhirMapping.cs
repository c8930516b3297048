using R4 = Hl7.Fhir.Model;

namespace Yiyang.Modules.Fhir;

/// <summary>
/// What the mappings share: the identifier systems, the extensions (all under <see cref="Base"/>), addresses with their
/// division code, meta and masking labels (docs/fhir.md has the tables).
/// </summary>
public static class FhirMapping
{
    /// <summary>The base of Yiyang's own canonical URLs (extensions, code systems, identifier systems).</summary>
    public const string Base = "https://fhir.yiyang.example";

    /// <summary>居民身份证号: the Chinese health-information OID of the citizen ID number.</summary>
    public const string CitizenIdSystem = "urn:oid:2.16.156.10011.1.3";
    public const string HealthCardSystem = Base + "/sid/health-card";
    public const string ElderIdSystem = Base + "/sid/elder";
    public const string CreditCodeSystem = Base + "/sid/uscc";
    public const string MedicalLicenceSystem = Base + "/sid/medical-licence";
    public const string CareLicenceSystem = Base + "/sid/care-licence";

    /// <summary>The 9-digit township (or 6-digit county) division code of an address (GB/T 2260 and its township extension).</summary>
    public const string DivisionExtension = Base + "/StructureDefinition/division-code";
    public const string DivisionSystem = Base + "/CodeSystem/division";
    public const string AgeExtension = Base + "/StructureDefinition/age";
    public const string PlannedDateExtension = Base + "/StructureDefinition/planned-date";
    public const string OrganizationKindSystem = Base + "/CodeSystem/organization-kind";
    public const string VisitSourceSystem = Base + "/CodeSystem/home-visit-source";

    private const string DataAbsentReason = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    private const string SecurityLabels = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    public static R4.Meta Meta(int version, DateTimeOffset updated) => new()
    {
        VersionId = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        LastUpdated = updated,
    };

    /// <summary>Labels a resource whose identifiers or contact data are shown masked (security label MASKED).</summary>
    public static void LabelMasked(R4.Resource resource)
    {
        resource.Meta ??= new R4.Meta();
        resource.Meta.Security.Add(new R4.Coding(SecurityLabels, "MASKED", "masked"));
    }

    /// <summary>A primitive withheld from this caller: no value, a data-absent-reason of <c>masked</c>.</summary>
    public static T Masked<T>(T element) where T : R4.PrimitiveType
    {
        element.Extension.Add(new R4.Extension(DataAbsentReason, new R4.Code("masked")));
        return element;
    }

    public static R4.Identifier Identifier(string system, string value, string? typeText = null, R4.Identifier.IdentifierUse? use = null) => new()
    {
        Use = use,
        System = system,
        Value = value,
        Type = typeText is null ? null : new R4.CodeableConcept { Text = typeText },
    };

    /// <summary>
    /// An address in a division: the text as the caller may see it, district and city names from the catalogue, and
    /// the division code as an extension.
    /// </summary>
    public static R4.Address Address(RegionCatalog regions, string divisionCode, string? text)
    {
        var county = divisionCode.Length >= 6 ? regions.Find(divisionCode[..6]) : null;
        var city = divisionCode.Length >= 4 ? regions.Find(divisionCode[..4]) : null;
        var province = divisionCode.Length >= 2 ? regions.Find(divisionCode[..2]) : null;
        var address = new R4.Address
        {
            Text = text,
            District = county?.Name,
            City = city?.Name,
            State = province?.Name,
            Country = "CN",
        };
        if (divisionCode.Length == 9 && regions.Find(divisionCode) is { } township)
            address.Line = [township.Name];
        address.Extension.Add(new R4.Extension(DivisionExtension, new R4.Coding(DivisionSystem, divisionCode, regions.Find(divisionCode)?.Name)));
        return address;
    }

    public static R4.ResourceReference Reference(string type, long id, string? display = null) =>
        new($"{type}/{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}", display);

    public static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The numeric id of a read, or null (a 404: an id Yiyang never gives out).</summary>
    public static long? ParseId(string id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
