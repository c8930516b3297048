namespace Yiyang.Modules.Claims;

/// <summary>Entities of the claims module as their DTOs.</summary>
public static class ClaimMapping
{
    public static CoverageDto ToDto(CoveragePeriod p) => new(p.Id, p.ElderId, p.OrganizationId, CoverageRules.Code(p.PayerClass),
        CoverageRules.Name(p.PayerClass), p.StartOn, p.EndOn, p.Note, p.Version);
}
