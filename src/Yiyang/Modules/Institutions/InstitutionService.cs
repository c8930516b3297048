namespace Yiyang.Modules.Institutions;

/// <summary>
/// What other modules use of residents and beds (a referral admits its elder into a free bed of the receiving
/// institution): the same handlers as the API, so every rule and 409 passes through.
/// </summary>
public sealed class InstitutionService(AdmitElder admit, ListBeds beds)
{
    /// <inheritdoc cref="AdmitElder.HandleAsync"/>
    public Task<StayDto> AdmitAsync(long orgId, AdmissionInput input, CancellationToken ct) => admit.HandleAsync(orgId, input, ct);

    /// <inheritdoc cref="ListBeds.HandleAsync"/>
    public Task<IReadOnlyList<BedDto>> ListBedsAsync(long orgId, CancellationToken ct) => beds.HandleAsync(orgId, ct);
}
