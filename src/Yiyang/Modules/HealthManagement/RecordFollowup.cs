using System.Text.Json;

namespace Yiyang.Modules.HealthManagement;

/// <summary>慢性病随访: a 高血压 / 2 型糖尿病 follow-up of an elder in scope.</summary>
public sealed class RecordFollowup(YiyangDb db, CurrentUser user, HealthManagementAccess access, AuditTrail audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/", async Task<Created<FollowupDto>> (FollowupInput input, RecordFollowup handler, CancellationToken ct) =>
            {
                var dto = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/chronic-followups?elderId={dto.ElderId}&year={dto.FollowedOn.Year}", dto);
            })
            .RequireAuthorization(HealthManagementPolicies.Write).ProducesProblems(400, 404, 409)
            .WithSummary("高血压 / 2 型糖尿病随访：日期、方式（门诊/家庭/电话）、症状、血压/空腹血糖、服药依从性、分类、下次随访日期");

    public async Task<FollowupDto> HandleAsync(FollowupInput input, CancellationToken ct)
    {
        access.RequireWriter();
        var elder = await access.ScopedElderAsync(input.ElderId, ct, forWrite: true);
        var errors = new FieldErrors();
        var v = FollowupRules.Validate(input, access.Today, errors);
        errors.ThrowIfAny();
        var f = new ChronicFollowup
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            Disease = v.Disease,
            FollowedOn = v.FollowedOn,
            Way = v.Way,
            SymptomsJson = JsonSerializer.Serialize(v.Symptoms, Json),
            Systolic = input.Systolic,
            Diastolic = input.Diastolic,
            FastingGlucose = input.FastingGlucose,
            Adherence = v.Adherence,
            Classification = v.Classification,
            NextOn = input.NextOn,
            Notes = v.Notes,
            OrganizationId = user.OrganizationId,
            CreatedBy = access.Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(f);
        db.TimelineEvents.Add(access.Event(elder.Id, "healthmgmt.followup.recorded",
            $"{FollowupRules.Name(FollowupRules.Diseases, f.Disease)}随访（{FollowupRules.Name(FollowupRules.Ways, f.Way)}，{f.FollowedOn:yyyy-MM-dd}）：" +
            FollowupRules.Name(FollowupRules.Classifications, f.Classification)));
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("duplicate-followup", "该老年人当天已有同一疾病的随访记录。"));
        await audit.RecordAsync("healthmgmt.followup.create", "followup", HealthManagementAccess.Id(f.Id), elder.Id);
        return ListFollowups.ToDto(f);
    }
}
