namespace Yiyang.Modules.Supervision;

public sealed record DrawnInspectorDto(long Id, string Name, string CertificateNo);

public sealed record DrawEntityDto(long OrganizationId, string OrganizationName, IReadOnlyList<long> InspectorIds, IReadOnlyList<DrawnInspectorDto> Inspectors);

/// <summary>A draw's result (POST …/draw) and, with the snapshots, its published record (GET /api/inspections/draws/{id}).</summary>
public sealed record DrawDto(long DrawId, long PlanId, int Sequence, bool Current, string Seed, string Algorithm, string DrawnBy, DateTimeOffset DrawnAt,
    string? RedrawReason, int RatioBasisPoints, int InspectorsPerEntity, int EntityCount, int InspectorCount, int SampleSize,
    IReadOnlyList<DrawEntityDto> Entities, IReadOnlyList<DrawWithdrawal> Withdrawals, string ResultSha256,
    IReadOnlyList<EntitySnapshot>? EntityList = null, IReadOnlyList<InspectorSnapshot>? InspectorList = null, IReadOnlyList<ConflictSnapshot>? Conflicts = null);
