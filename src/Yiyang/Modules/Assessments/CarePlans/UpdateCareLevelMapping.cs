using System.Globalization;
using System.Text.Json;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>
/// 修改照护等级对应关系: saves an edited mapping as the next version. Platform admins, and regulators of the health or
/// civil-affairs bureau. The version read (body or If-Match) must be the current one (409/412 otherwise); two concurrent
/// saves of the same version: the unique index refuses the second (409).
/// </summary>
public sealed class UpdateCareLevelMapping(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock, CareLevels levels)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/mapping", async Task<Ok<CareLevelMappingDto>> (CareLevelMappingInput input, IfMatch ifMatch, UpdateCareLevelMapping handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(input, ifMatch.Version, ct)))
            .RequireAuthorization(AssessmentPolicies.CareLevelsManage)
            .ProducesProblems(400, 403, 409, 412)
            .WithSummary("修改照护等级对应关系（保存为新版本，旧版本保留）；需 version 或 If-Match");

    /// <summary>Whether the user may edit the mapping (for pages).</summary>
    public static bool MayEdit(CurrentUser user) =>
        user.Can(AssessmentPolicies.CareLevelsManage)
        && (user.Can(AssessmentPolicies.CareLevelsAnyBureau) || user.Bureau is Bureaus.Health or Bureaus.CivilAffairs);

    public async Task<CareLevelMappingDto> HandleAsync(CareLevelMappingInput input, int? ifMatchVersion, CancellationToken ct)
    {
        if (!MayEdit(user))
            throw new ForbiddenException("只有平台管理员或卫健、民政部门的监管人员可以修改照护等级对应关系。");
        var map = new CareLevelMap(input.Levels ?? [], input.Gbt42195 ?? [], input.Ltc2021 ?? []);
        var errors = CareLevelRules.Validate(input.Levels is null ? null : map);
        var note = Masking.Scrub((input.Note ?? "").Trim());
        if (note.Length > 200) errors.Add("note", "修改说明最多 200 个字。");
        errors.ThrowIfAny();
        var current = await levels.MappingAsync(ct);
        Etags.CheckVersion(current.Version, ifMatchVersion, input.Version);
        var row = new CareLevelMapping
        {
            MappingVersion = current.Version + 1,
            MapJson = JsonSerializer.Serialize(CareLevelRules.Normalize(map), CareLevels.Json),
            Note = note.Length == 0 ? null : note,
            CreatedBy = user.IsAuthenticated ? user.UserName : "system",
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(row);
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("concurrency", "对应关系已被他人修改，请刷新后再试。"));
        await audit.RecordAsync("assessments.care-level-mapping.update", "care-level-mapping", row.MappingVersion.ToString(CultureInfo.InvariantCulture));
        return CareLevels.ToDto(row);
    }
}
