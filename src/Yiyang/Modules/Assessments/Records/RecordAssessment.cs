using System.Globalization;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>录入评估: a new draft assessment of an elder in scope, scored by its instrument.</summary>
public sealed class RecordAssessment(
    YiyangDb db, CurrentUser user, AssessmentAccess access, AssessmentDrafting drafting, GetAssessment get, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/", async Task<Created<AssessmentDto>> (AssessmentInput input, RecordAssessment handler, CancellationToken ct) =>
            {
                var dto = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/assessments/{dto.Id}", dto);
            })
            .RequireAuthorization(ElderPolicies.Write).ProducesProblems(400, 404)
            .WithSummary("录入评估（草稿）：老年人、量表、原因、日期、评估员（GB/T 42195 需两名）、答案；按量表计分后保存");

    public async Task<AssessmentDto> HandleAsync(AssessmentInput input, CancellationToken ct)
    {
        user.Demand(ElderPolicies.Write);
        var elder = await access.ScopedElderAsync(input.ElderId, ct, forWrite: true);
        var v = await drafting.ValidateAsync(input, (input.InstrumentCode ?? "").Trim(), ct);
        var a = drafting.New(elder, v, null, null);
        db.Add(a);
        db.TimelineEvents.Add(access.Event(elder.Id, "assessments.recorded", "录入评估（草稿）：" + access.Describe(a)));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("assessments.assessment.create", "assessment", a.Id.ToString(CultureInfo.InvariantCulture), elder.Id);
        return await get.HandleAsync(a.Id, ct, audited: false);
    }
}
