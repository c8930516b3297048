using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.Referrals;

/// <summary>From a down-referral to a care home: admission to one of its beds (fields as the institution admission).</summary>
public sealed record ReferralAdmitInput(long? BedId, DateOnly? AdmittedOn, string? CareLevel, string? ContractNumber, DateOnly? ContractStartOn,
    DateOnly? ContractEndOn, int? Version);

/// <summary>
/// 下转接续 as a care-home admission: the receiving institution admits the referred elder to one of its beds through
/// <see cref="InstitutionService.AdmitAsync"/> (one resident per bed, one institution per elder: its 409s pass through).
/// </summary>
public sealed class AdmitFromReferral(ReferralFollowUp followUp, InstitutionService institutions, GetReferral reader)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/admit", async Task<Ok<ReferralDto>> (long id, ReferralAdmitInput input, IfMatch ifMatch,
                AdmitFromReferral handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("下转接续：接收的养老机构据已接收/已到达的下转安排入住本机构床位（bedId 必填，其余同入住登记），每个转诊仅一次");

    public async Task<ReferralDto> HandleAsync(long id, ReferralAdmitInput input, int? ifMatch, CancellationToken ct)
    {
        var r = await followUp.LoadAsync(id, input.Version, ifMatch, ct);
        var stay = await institutions.AdmitAsync(r.ToOrganizationId, new AdmissionInput(r.ElderId, input.BedId, input.AdmittedOn, input.CareLevel,
            input.ContractNumber, input.ContractStartOn, input.ContractEndOn), ct);
        await followUp.LinkAsync(r, null, stay.Id, "下转接续：已据转诊办理入住", ct);
        return await reader.HandleAsync(id, ct, audited: false);
    }
}
