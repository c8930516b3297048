using Yiyang.Modules.Sickbeds;

namespace Yiyang.Modules.Referrals;

/// <summary>From a down-referral: a family sickbed application (diagnosis prefilled from the 回转单 when left empty).</summary>
public sealed record OpenSickbedInput(string? DiagnosisCode, string? DiagnosisName, string? Reason, int? Version);

/// <summary>
/// 下转接续 as a family sickbed: the receiving (medical) organization applies for a family sickbed for the referred elder
/// through <see cref="SickbedService.ApplyAsync"/> (its rules and 409s unchanged: one open sickbed per elder, scope,
/// medical institution only); the diagnosis name and the reason are prefilled from the 回转单.
/// </summary>
public sealed class OpenSickbedFromReferral(ReferralFollowUp followUp, SickbedService sickbeds, GetReferral reader)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/open-sickbed", async Task<Ok<ReferralDto>> (long id, OpenSickbedInput input, IfMatch ifMatch,
                OpenSickbedFromReferral handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("下转接续：接收机构据已接收/已到达的下转申请家庭病床（diagnosisCode ICD-10 必填，诊断名称与理由缺省取回转单），每个转诊仅一次");

    public async Task<ReferralDto> HandleAsync(long id, OpenSickbedInput input, int? ifMatch, CancellationToken ct)
    {
        var r = await followUp.LoadAsync(id, input.Version, ifMatch, ct);
        var reason = ReferralFields.Clean(input.Reason) ?? ReferralFields.Cut("下转接续：" + (r.NextStepAdvice ?? r.Reason), 500);
        var diagnosis = ReferralFields.Clean(input.DiagnosisName) ?? (r.Diagnosis is null ? null : ReferralFields.Cut(r.Diagnosis, 100));
        var bed = await sickbeds.ApplyAsync(new ApplicationInput(r.ElderId, null, reason, input.DiagnosisCode, diagnosis, null), ct);
        await followUp.LinkAsync(r, bed.Id, null, "下转接续：已据转诊申请家庭病床", ct);
        return await reader.HandleAsync(id, ct, audited: false);
    }
}
