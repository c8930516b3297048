namespace Yiyang.Modules.Institutions;

/// <summary>Settings of the institutions module (section <c>Institutions</c>); docs/domain/institutions.md#admission-safeguards.</summary>
public sealed class InstitutionOptions
{
    /// <summary>Failed lookups by ID number and name one user may make at the admission desk per <see cref="AdmissionMissWindowMinutes"/>; then 429.</summary>
    public int AdmissionMissesPerUser { get; set; } = 5;

    /// <summary>The same for all users of one institution together.</summary>
    public int AdmissionMissesPerOrganization { get; set; } = 20;

    public int AdmissionMissWindowMinutes { get; set; } = 60;

    /// <summary>
    /// Whether the check-in that confirms an admission by ID card must be made by someone other than the admitting user
    /// (default true: one person alone cannot bring a stranger's contact data into reach).
    /// </summary>
    public bool CheckInBySecondPerson { get; set; } = true;
}
