namespace Yiyang.Modules.Institutions;

/// <summary>Permissions of the institutions module beyond <see cref="InstitutionPolicies.Write"/>.</summary>
public static class InstitutionPolicies
{
    /// <summary>Manages beds, admissions, leaves and discharges.</summary>
    public const string Write = "institutions.write";

    /// <summary>Decides bed conversion requests (regulators).</summary>
    public const string BedConversionDecide = "institutions.bed-conversion.decide";

    /// <summary>Works for every care institution (not only the user's own): the city operator.</summary>
    public const string AllInstitutions = "institutions.all";

    /// <summary>Reviews admissions by ID card of elders registered elsewhere (regulators of the region).</summary>
    public const string AdmissionReview = "institutions.admission-review";
}
