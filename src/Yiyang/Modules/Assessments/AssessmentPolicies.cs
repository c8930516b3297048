namespace Yiyang.Modules.Assessments;

/// <summary>Permissions of the assessments module beyond the shared <c>Policies</c> (roles in <see cref="AssessmentsModule.PolicyRoles"/>).</summary>
public static class AssessmentPolicies
{
    /// <summary>
    /// Edits the care-level mapping whatever the bureau: holders of <c>Policies.CareLevelsManage</c> without it (regulators)
    /// may edit only when they belong to the health or civil-affairs bureau.
    /// </summary>
    public const string CareLevelsAnyBureau = "care-levels.any-bureau";
}
