using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Agreements;

public sealed record AgreementInput(
    long? MedicalOrganizationId, long? CareOrganizationId, DateOnly? StartOn, DateOnly? EndOn, IReadOnlyList<string>? Items,
    int? RoundsPerMonth, decimal? Fee, string? MedicalDuties, string? CareDuties);

/// <summary>
/// 起草协议 (docs/domain/collaboration.md#agreement-content): an institution admin of either party (or the city operator)
/// drafts an agreement between a medical and a care institution: term, content items, fee, each party's duties (草拟).
/// </summary>
public sealed class CreateAgreement(YiyangDb db, CurrentUser user, TimeProvider clock, AuditTrail audit, AgreementAccess access, GetAgreement reader)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/", async Task<Created<AgreementDto>> (AgreementInput input, CreateAgreement handler, CancellationToken ct) =>
            {
                var a = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/agreements/{a.Id}", a);
            })
            .ProducesProblems(400, 403)
            .WithSummary("起草医养签约合作协议（机构管理员或市级业务管理员；状态为草拟）");

    private sealed record Form(Organization Medical, Organization Care, List<string> Codes, bool HasRounds, string MedicalDuties, string CareDuties);

    public async Task<AgreementDto> HandleAsync(AgreementInput input, CancellationToken ct)
    {
        user.Demand(AgreementPolicies.Sign, "只有机构管理员或市级业务管理员可以签订合作协议。");
        var f = await ValidateAsync(input, ct);
        if (!access.SeesAll && user.OrganizationId != f.Medical.Id && user.OrganizationId != f.Care.Id)
            throw new ForbiddenException("只能为本机构签订合作协议。");
        var now = clock.GetUtcNow();
        var a = new Agreement
        {
            MedicalOrganizationId = f.Medical.Id,
            CareOrganizationId = f.Care.Id,
            StartOn = input.StartOn!.Value,
            EndOn = input.EndOn!.Value,
            Items = string.Join(',', AgreementRules.Items.Select(i => i.Code).Where(f.Codes.Contains)),
            RoundsPerMonth = f.HasRounds ? input.RoundsPerMonth : null,
            Fee = input.Fee,
            MedicalDuties = Masking.Scrub(f.MedicalDuties),
            CareDuties = Masking.Scrub(f.CareDuties),
            Status = AgreementStatus.Draft,
            CountyCode = f.Care.CountyCode,
            CreatedByUser = access.Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(a);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("agreements.create", "agreement", a.Id.ToString(), null, $"{f.Medical.Id}-{f.Care.Id} {a.StartOn:yyyy-MM-dd}..{a.EndOn:yyyy-MM-dd}");
        return await reader.HandleAsync(a.Id, ct);
    }

    private async Task<Form> ValidateAsync(AgreementInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var medical = input.MedicalOrganizationId is { } m ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == m, ct) : null;
        var care = input.CareOrganizationId is { } c ? await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == c, ct) : null;
        if (medical is null || medical.Kind == OrganizationKind.ElderlyCare) errors.Add("medicalOrganizationId", "请选择医疗卫生机构。");
        if (care is null || care.Kind == OrganizationKind.Medical) errors.Add("careOrganizationId", "请选择养老机构或医养结合机构。");
        if (medical is not null && care is not null && medical.Id == care.Id) errors.Add("careOrganizationId", "合作双方不能是同一机构。");
        foreach (var (field, message) in AgreementRules.TermErrors(input.StartOn, input.EndOn)) errors.Add(field, message);
        var codes = (input.Items ?? []).Select(i => (i ?? "").Trim()).Distinct().ToList();
        if (codes.Count == 0) errors.Add("items", "请至少选择一项合作内容。");
        else if (codes.Any(code => AgreementRules.ItemName(code) is null)) errors.Add("items", "合作内容不在规定的项目中。");
        var hasRounds = codes.Contains(AgreementRules.Rounds);
        if (hasRounds && input.RoundsPerMonth is not (>= 1 and <= 31)) errors.Add("roundsPerMonth", "选择巡诊时请填写每月巡诊次数（1–31）。");
        if (input.Fee is { } fee && (fee < 0 || fee > 9_999_999_999.99m || decimal.Round(fee, 2) != fee)) errors.Add("fee", "服务费用应为不小于 0 的金额（元，最多两位小数）。");
        var medicalDuties = (input.MedicalDuties ?? "").Trim();
        var careDuties = (input.CareDuties ?? "").Trim();
        if (medicalDuties.Length is 0 or > 2000) errors.Add("medicalDuties", "请填写医疗卫生机构的责任和义务（最多 2000 字）。");
        if (careDuties.Length is 0 or > 2000) errors.Add("careDuties", "请填写养老机构的责任和义务（最多 2000 字）。");
        errors.ThrowIfAny();
        return new Form(medical!, care!, codes, hasRounds, medicalDuties, careDuties);
    }
}
