namespace Yiyang.Modules.Assessments.Records;

/// <summary><c>/api/assessments</c>: saved, signed and corrected assessments of elders; the reassessment list.</summary>
public static class AssessmentRecordsApi
{
    public static void MapAssessmentRecords(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/assessments").WithTags("Assessments").RequireAuthorization(AssessmentPolicies.Score).WithETags();
        ListAssessments.Map(g);
        ListDueAssessments.Map(g);
        RecordAssessment.Map(g);
        GetAssessment.Map(g);
        EditAssessment.Map(g);
        SignAssessment.Map(g);
        CorrectAssessment.Map(g);
    }

}
