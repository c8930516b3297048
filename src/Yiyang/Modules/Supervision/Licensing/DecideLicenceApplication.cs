using System.Globalization;
using System.Text.RegularExpressions;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

public sealed record LicenceDecisionInput(string? Outcome, string? Reason, string? LicenceNo, DateOnly? ValidFrom, DateOnly? ValidTo, int? ElderCareBeds,
    int? NursingBeds, int? MedicalBeds);

/// <summary>
/// 决定: the bureau approves (issuing the licence, which sets the organization's licensed bed counts in the same
/// transaction) or refuses with a reason.
/// </summary>
public sealed partial class DecideLicenceApplication(YiyangDb db, LicensingTransitions transitions, OrganizationService organizations)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/decision", async Task<Ok<LicenceApplicationDto>> (long id, LicenceDecisionInput input, IfMatch ifMatch,
                DecideLicenceApplication handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(SupervisionPolicies.LicensingDecide)
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("作出决定：outcome（approved 准予 | refused 不予，须填 reason）；准予时发证：licenceNo（可空，自动编号）、validFrom、validTo、核定床位数");

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z-]{0,63}$")]
    private static partial Regex LicenceNoPattern();

    public async Task<LicenceApplicationDto> HandleAsync(long id, LicenceDecisionInput input, int? ifMatch, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var outcome = input.Outcome?.Trim();
        if (outcome is not (LicensingRules.Approved or LicensingRules.Refused)) errors.Add("outcome", "决定只能是 approved（准予）或 refused（不予）。");
        var reason = LicensingTransitions.Clean(input.Reason);
        if (reason?.Length > 500) errors.Add("reason", "理由最多 500 个字。");
        else if (outcome == LicensingRules.Refused && reason is null) errors.Add("reason", "不予许可须写明理由。");
        var number = LicensingTransitions.Clean(input.LicenceNo);
        if (number is not null && !LicenceNoPattern().IsMatch(number)) errors.Add("licenceNo", "证号由字母、数字和连字符组成，最多 64 位。");
        if (input.ValidFrom is { } f && input.ValidTo is { } t && t <= f) errors.Add("validTo", "有效期截止日应晚于起始日。");
        foreach (var (field, beds) in new[] { ("elderCareBeds", input.ElderCareBeds), ("nursingBeds", input.NursingBeds), ("medicalBeds", input.MedicalBeds) })
            if (beds is < 0 or > SubmitLicenceApplication.MaxBeds) errors.Add(field, $"床位数应为 0–{SubmitLicenceApplication.MaxBeds} 的整数。");
        errors.ThrowIfAny();

        var a = await transitions.BeginAsync(id, "decide", ifMatch, ct);
        var access = transitions.Access;
        a.Status = outcome!;
        a.DecidedOn = access.Today;
        a.DecidedByUser = access.Actor;
        a.DecisionReason = reason;
        var detail = $"outcome={outcome}; inTime={a.DecidedOn <= a.DeadlineOn}";
        if (outcome == LicensingRules.Approved) detail += "; licence " + await IssueAsync(a, input, number, ct);
        return await transitions.CommitAsync(a, "decide", detail, ct);
    }

    private async Task<string> IssueAsync(LicenceApplication a, LicenceDecisionInput input, string? number, CancellationToken ct)
    {
        var access = transitions.Access;
        var kind = LicensingKinds.Find(a.Kind)!;
        var from = input.ValidFrom ?? access.Today;
        var to = input.ValidTo ?? from.AddYears(access.Options.DefaultValidityYears).AddDays(-1);
        if (to <= from) throw ValidationFailedException.For("validTo", "有效期截止日应晚于起始日。");
        number ??= $"{(a.Bureau == Bureaus.Health ? "WJ" : "MZ")}-{a.RegionCode[..Math.Min(6, a.RegionCode.Length)]}-{from.Year}-{a.Id:D6}";
        if (await db.Set<Licence>().AnyAsync(l => l.LicenceNo == number, ct))
            throw new ConflictException("duplicate-licence-no", "该证号已被使用。");
        var licence = new Licence
        {
            LicenceNo = number,
            Kind = a.Kind,
            Bureau = a.Bureau,
            OrganizationId = a.OrganizationId,
            ApplicationId = a.Id,
            RegionCode = a.RegionCode,
            ValidFrom = from,
            ValidTo = to,
            ElderCareBeds = kind.LicensesCareBeds ? input.ElderCareBeds ?? a.ElderCareBeds : null,
            NursingBeds = kind.LicensesCareBeds ? input.NursingBeds ?? a.NursingBeds : null,
            MedicalBeds = kind.LicensesMedicalBeds ? input.MedicalBeds ?? a.MedicalBeds : null,
            IssuedByUser = access.Actor,
            IssuedAt = access.Now,
        };
        db.Add(licence);
        await organizations.ApplyLicensedBedsAsync(a.OrganizationId, licence.ElderCareBeds, licence.NursingBeds, licence.MedicalBeds, number, ct);
        return number;
    }
}
