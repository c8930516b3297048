namespace Yiyang.Modules.Agreements;

/// <summary>终止: a party's administrator ends an agreement with a reason; the medical institution's access to the residents ends at once.</summary>
public sealed class TerminateAgreement(AuditTrail audit, AgreementAccess access, GetAgreement reader)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/terminate", async Task<Ok<AgreementDto>> (long id, AgreementTransitionInput? input, IfMatch ifMatch,
                TerminateAgreement handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input ?? new AgreementTransitionInput(null, null), ifMatch.Version, ct)))
            .ProducesProblems(400, 403, 404, 409, 412)
            .WithSummary("终止（须填 reason）；医疗机构对入住老人的查阅权限当即结束");

    public async Task<AgreementDto> HandleAsync(long id, AgreementTransitionInput input, int? ifMatch, CancellationToken ct)
    {
        var reason = (input.Reason ?? "").Trim();
        if (reason.Length is 0 or > 500) throw ValidationFailedException.For("reason", "请填写终止原因（最多 500 字）。");
        var a = await access.LoadForWriteAsync(id, input, ifMatch, ct);
        var today = access.Today;
        if (AgreementRules.TerminateRefusal(a.Status, a.StartOn, a.EndOn, today) is { } refusal) throw new ConflictException("illegal-transition", refusal);
        a.Status = AgreementStatus.Terminated;
        a.TerminatedOn = today;
        a.TerminateReason = Masking.Scrub(reason);
        await access.SaveAsync(a, ct);
        await audit.RecordAsync("agreements.terminate", "agreement", a.Id.ToString(), null, a.TerminateReason);
        return await reader.HandleAsync(a.Id, ct);
    }
}
