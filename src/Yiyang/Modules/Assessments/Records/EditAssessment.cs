using System.Globalization;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>修改草稿: edits a draft (version or If-Match); a signed or superseded one → 409. The instrument stays.</summary>
public sealed class EditAssessment(
    YiyangDb db, AssessmentAccess access, AssessmentDrafting drafting, GetAssessment get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/{id:long}", async Task<Ok<AssessmentDto>> (long id, AssessmentInput input, IfMatch ifMatch, EditAssessment handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(ElderPolicies.Write)
            .ProducesProblems(400, 404, 409, 412)
            .WithSummary("修改草稿（需 version 或 If-Match）；已签署的评估返回 409");

    public async Task<AssessmentDto> HandleAsync(long id, AssessmentInput input, int? ifMatchVersion, CancellationToken ct)
    {
        var a = await access.LoadForWriteAsync(id, ct);
        if (a.Status != AssessmentStatus.Draft) throw AssessmentAccess.Immutable(a);
        Etags.CheckVersion(a.Version, ifMatchVersion, input.Version);
        if (input.InstrumentCode is { Length: > 0 } code && code.Trim() != a.InstrumentCode)
            throw ValidationFailedException.For("instrumentCode", "草稿不能更换评估量表，请新建评估。");
        var v = await drafting.ValidateAsync(input, a.InstrumentCode, ct);
        AssessmentDrafting.Apply(a, v);
        a.UpdatedAt = clock.GetUtcNow();
        a.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("assessments.assessment.update", "assessment", a.Id.ToString(CultureInfo.InvariantCulture), a.ElderId);
        return await get.HandleAsync(a.Id, ct, audited: false);
    }
}
