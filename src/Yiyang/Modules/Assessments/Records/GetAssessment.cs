using System.Globalization;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>查看评估: one saved assessment of an elder in scope (audited).</summary>
public sealed class GetAssessment(AssessmentAccess access, AssessmentMapping mapping, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<AssessmentDto>> (long id, GetAssessment handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<AssessmentDto> HandleAsync(long id, CancellationToken ct, bool audited = true)
    {
        var a = await access.Scoped().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("未找到该评估，或您无权查看。");
        var dto = (await mapping.ToDtosAsync([a], ct))[0];
        if (audited)
            await audit.RecordAsync("assessments.assessment.view", "assessment", a.Id.ToString(CultureInfo.InvariantCulture), a.ElderId, wait: false);
        return dto;
    }
}
