namespace Yiyang.Modules.Supervision;

/// <summary>撤回: the applicant withdraws the application before the decision.</summary>
public sealed class WithdrawLicenceApplication(LicensingTransitions transitions)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/withdraw", async Task<Ok<LicenceApplicationDto>> (long id, IfMatch ifMatch, WithdrawLicenceApplication handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, ifMatch.Version, ct)))
            .RequireAuthorization(SupervisionPolicies.LicensingApply)
            .ProducesProblems(403, 404, 409, 412)
            .WithSummary("申请机构在作出决定前撤回申请");

    public async Task<LicenceApplicationDto> HandleAsync(long id, int? ifMatch, CancellationToken ct)
    {
        var a = await transitions.BeginAsync(id, "withdraw", ifMatch, ct);
        a.Status = LicensingRules.Withdrawn;
        a.WithdrawnAt = transitions.Access.Now;
        return await transitions.CommitAsync(a, "withdraw", $"organization={a.OrganizationId}", ct);
    }
}
