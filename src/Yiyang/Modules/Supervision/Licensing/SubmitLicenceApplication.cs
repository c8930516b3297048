using System.Globalization;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

public sealed record LicenceApplicationInput(string? Kind, long? OrganizationId, int? ElderCareBeds, int? NursingBeds, int? MedicalBeds, string? Note);

/// <summary>
/// 申请: the organization's admin applies for their own organization, or the bureau registers a paper application on its
/// behalf (its own kinds, its region). One open application per organization and kind.
/// </summary>
public sealed class SubmitLicenceApplication(YiyangDb db, LicensingAccess access, AuditTrail audit)
{
    public const int MaxBeds = 10000;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("", async Task<Created<LicenceApplicationDto>> (LicenceApplicationInput input, SubmitLicenceApplication handler, CancellationToken ct) =>
            {
                var a = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/licensing/applications/{a.Id}", a);
            })
            .RequireAuthorization(SupervisionPolicies.LicensingApply)
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("提交许可/登记/备案申请：kind、organizationId（监管部门代为登记纸质申请时必填）、申请床位数、note");

    public async Task<LicenceApplicationDto> HandleAsync(LicenceApplicationInput input, CancellationToken ct)
    {
        var user = access.User;
        user.Demand(SupervisionPolicies.LicensingApply);
        var errors = new FieldErrors();
        var kind = LicensingKinds.Find(input.Kind);
        if (kind is null) errors.Add("kind", $"申请类别只能是：{string.Join("、", LicensingKinds.All.Select(k => $"{k.Code}（{k.Name}）"))}。");
        var note = LicensingTransitions.Clean(input.Note);
        if (note?.Length > 500) errors.Add("note", "说明最多 500 个字。");
        CheckBeds(errors, "elderCareBeds", input.ElderCareBeds, kind?.LicensesCareBeds);
        CheckBeds(errors, "nursingBeds", input.NursingBeds, kind?.LicensesCareBeds);
        CheckBeds(errors, "medicalBeds", input.MedicalBeds, kind?.LicensesMedicalBeds);
        var onBehalf = user.Can(SupervisionPolicies.LicensingDecide);
        if (onBehalf && input.OrganizationId is null) errors.Add("organizationId", "代为登记纸质申请时请选择申请机构。");
        errors.ThrowIfAny();

        var orgId = onBehalf ? input.OrganizationId!.Value : user.OrganizationId ?? throw new ForbiddenException("您的账号未关联机构，不能提交申请。");
        if (!onBehalf && input.OrganizationId is { } other && other != orgId) throw new NotFoundException("未找到该机构。");
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null || (onBehalf && !user.Covers(org.TownshipCode))) throw new NotFoundException("未找到该机构。");
        if (onBehalf && kind!.Bureau != user.Bureau)
            throw new ForbiddenException($"{kind.Name}由{Bureaus.DisplayName(kind.Bureau)}审批，您不能代为登记。");
        if (!kind!.OrganizationKinds.Contains(org.Kind))
            throw ValidationFailedException.For("kind", $"{Organization.KindName(org.Kind)}不能申请{kind.Name}。");
        if (await db.Set<LicenceApplication>().AnyAsync(a => a.OrganizationId == orgId && a.Kind == kind.Code
                && (a.Status == LicensingRules.Submitted || a.Status == LicensingRules.Accepted || a.Status == LicensingRules.DocumentsRequested), ct))
            throw new ConflictException("application-open", $"该机构已有一件办理中的{kind.Name}申请。");

        var now = access.Now;
        var app = new LicenceApplication
        {
            Kind = kind.Code,
            Bureau = kind.Bureau,
            OrganizationId = orgId,
            RegionCode = org.TownshipCode,
            Status = LicensingRules.Submitted,
            Note = note,
            ElderCareBeds = input.ElderCareBeds,
            NursingBeds = input.NursingBeds,
            MedicalBeds = input.MedicalBeds,
            OnBehalf = onBehalf,
            SubmittedByUser = access.Actor,
            SubmittedAt = now,
            SubmittedOn = access.Today,
            UpdatedAt = now,
            Version = 1,
        };
        db.Add(app);
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("supervision.licensing.submit", "licence-application", app.Id.ToString(CultureInfo.InvariantCulture),
            detail: $"kind={kind.Code}; organization={orgId}; onBehalf={onBehalf}");
        return await access.ToDtoAsync(app, ct);
    }

    private static void CheckBeds(FieldErrors errors, string field, int? beds, bool? licensed)
    {
        if (beds is null) return;
        if (beds is < 0 or > MaxBeds) errors.Add(field, $"床位数应为 0–{MaxBeds} 的整数。");
        else if (licensed == false) errors.Add(field, "该类申请不核定此类床位，请留空。");
    }
}
