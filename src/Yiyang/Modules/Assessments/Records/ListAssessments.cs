using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>一位老年人的评估: an elder's assessments with every corrected version, newest first (by date, then version chain).</summary>
public sealed class ListAssessments(YiyangDb db, AssessmentAccess access, AssessmentMapping mapping, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<IReadOnlyList<AssessmentDto>>> ([FromQuery] long? elderId, ListAssessments handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(elderId, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("一位老年人的评估（含各更正版本），最新在前");

    public async Task<IReadOnlyList<AssessmentDto>> HandleAsync(long? elderId, CancellationToken ct)
    {
        var elder = await access.ScopedElderAsync(elderId, ct);
        var rows = await db.Set<Assessment>().AsNoTracking().Where(a => a.ElderId == elder.Id)
            .OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.Id).Take(500).ToListAsync(ct);
        await audit.RecordAsync("assessments.assessment.list", "elder", elder.Id.ToString(CultureInfo.InvariantCulture), elder.Id, wait: false);
        return await mapping.ToDtosAsync(rows, ct);
    }
}
