namespace Yiyang.Modules.Assessments;

/// <summary>Permissions of the assessments module beyond the shared <c>Policies</c> (roles in <see cref="AssessmentsModule.PolicyRoles"/>).</summary>
public static class AssessmentPolicies
{
    /// <summary>Scores, records and signs assessments.</summary>
    public const string Score = "assessments.score";

    /// <summary>Reads the care-level mapping and the LTC tables (configuration, no personal data).</summary>
    public const string Tables = "assessments.tables";

    /// <summary>Drafts, edits and confirms care plans.</summary>
    public const string CarePlansWrite = "care-plans.write";

    /// <summary>Changes the care-level mapping.</summary>
    public const string CareLevelsManage = "care-levels.manage";

    /// <summary>Changes the long-term-care insurance tables.</summary>
    public const string LtcTablesManage = "ltc-tables.manage";

    /// <summary>
    /// Edits the care-level mapping whatever the bureau: holders of <c>AssessmentPolicies.CareLevelsManage</c> without it (regulators)
    /// may edit only when they belong to the health or civil-affairs bureau.
    /// </summary>
    public const string CareLevelsAnyBureau = "care-levels.any-bureau";
}
