using System.Globalization;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>签署评估: signs a draft; from now on immutable; periodic instruments get their next-due date.</summary>
public sealed class SignAssessment(YiyangDb db, AssessmentAccess access, GetAssessment get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/sign", async Task<Ok<AssessmentDto>> (long id, IfMatch ifMatch, SignAssessment handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ifMatch.Version, ct)))
            .RequireAuthorization(ElderPolicies.Write)
            .ProducesProblems(404, 409, 412)
            .WithSummary("签署评估：此后不可修改；能力评估与长护险评估得到下次评估日期");

    public async Task<AssessmentDto> HandleAsync(long id, int? ifMatchVersion, CancellationToken ct)
    {
        var a = await access.LoadForWriteAsync(id, ct);
        if (a.Status != AssessmentStatus.Draft) throw AssessmentAccess.Immutable(a);
        if (ifMatchVersion is not null) Etags.CheckVersion(a.Version, ifMatchVersion, null);
        var now = clock.GetUtcNow();
        a.Status = AssessmentStatus.Signed;
        a.SignedAt = now;
        a.SignedBy = access.Actor;
        a.NextDue = ReassessmentRules.NextDue(a.InstrumentCode, a.AssessedOn, access.Months);
        a.UpdatedAt = now;
        a.Version++;
        var due = a.NextDue is { } d ? $"，下次评估 {d:yyyy-MM-dd}" : "";
        db.TimelineEvents.Add(access.Event(a.ElderId, "assessments.signed", access.Describe(a) + due));
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("assessments.assessment.sign", "assessment", a.Id.ToString(CultureInfo.InvariantCulture), a.ElderId);
        return await get.HandleAsync(a.Id, ct, audited: false);
    }
}
