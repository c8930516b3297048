namespace Yiyang.Modules.Sickbeds;

/// <summary>
/// Family sickbeds (家庭病床, docs/domain/sickbeds.md) as other modules use them: the down-referral follow-up (下转接续) of
/// the referrals module applies for a sickbed through <see cref="ApplyAsync"/>, with the rules and 409s of
/// <see cref="ApplyForSickbed"/> unchanged. The module's own use cases are one file each (<c>ApplyForSickbed</c>,
/// <c>ApproveSickbed</c>, <c>OpenSickbed</c>, …).
/// </summary>
public sealed class SickbedService(ApplyForSickbed apply)
{
    /// <summary>申请家庭病床 (see <see cref="ApplyForSickbed"/>).</summary>
    public Task<SickbedDto> ApplyAsync(ApplicationInput input, CancellationToken ct) => apply.HandleAsync(input, ct);
}
