namespace Yiyang.Modules.Institutions;

public sealed record BedInput(string? Ward, string? Room, string? Number, string? Kind);

public sealed record OccupantDto(long StayId, long ElderId, string MaskedName, DateOnly AdmittedOn, string? CareLevel, OccupantLeaveDto? Leave = null,
    string? ContractNumber = null, DateOnly? ContractEndOn = null);

/// <summary>The open leave of a resident shown on the bed board: the bed is held.</summary>
public sealed record OccupantLeaveDto(long Id, string Kind, string KindName, DateOnly StartOn, DateOnly ExpectedReturnOn, bool Overdue);

/// <summary>A bed: licensed <c>Kind</c> and, after an approved conversion, its actual <c>Use</c> (equal to the kind when not converted).</summary>
public sealed record BedDto(long Id, long OrganizationId, string Ward, string Room, string Number, string Kind, string KindName, OccupantDto? Occupant,
    string? Use = null, string? UseName = null);

public sealed record OccupancyLine(string Kind, string KindName, int Beds, int Occupied, decimal Rate);

public sealed record OccupancyDto(long OrganizationId, int Beds, int Occupied, decimal Rate, IReadOnlyList<OccupancyLine> ByKind,
    IReadOnlyList<OccupancyLine>? ByUse = null);

/// <summary>
/// An admission. The elder is <c>ElderId</c> (in the user's scope), or — when it is absent — <c>IdNumber</c> + <c>Name</c>
/// from the ID card, found in the whole registry (<see cref="AdmissionByIdNumber"/>).
/// </summary>
public sealed record AdmissionInput(long? ElderId, long? BedId, DateOnly? AdmittedOn, string? CareLevel,
    string? ContractNumber = null, DateOnly? ContractStartOn = null, DateOnly? ContractEndOn = null,
    string? IdNumber = null, string? Name = null);

public sealed record TransferInput(long? BedId);

public sealed record DischargeInput(DateOnly? DischargedOn, string? Reason);

public sealed record StayDto(long Id, long OrganizationId, long ElderId, string ElderName, long BedId, string BedLabel, string BedKind,
    DateOnly AdmittedOn, string? CareLevel, DateOnly? DischargedOn, string? Reason, string? ReasonName, int Version,
    string? ContractNumber = null, DateOnly? ContractStartOn = null, DateOnly? ContractEndOn = null) : IVersioned;

public sealed record LeaveInput(string? Kind, DateOnly? StartOn, DateOnly? ExpectedReturnOn, string? Note);

public sealed record LeaveReturnInput(DateOnly? ReturnedOn);

public sealed record LeaveDto(long Id, long StayId, long ElderId, string Kind, string KindName, DateOnly StartOn, DateOnly ExpectedReturnOn,
    DateOnly? ReturnedOn, string? Note, bool Overdue, int Version) : IVersioned;

public sealed record ConversionInput(string? ToUse, string? Reason);

public sealed record ConversionDecisionInput(string? Note);

public sealed record ConversionDto(long Id, long BedId, long OrganizationId, string BedLabel, string LicensedKind, string FromUse, string ToUse, string ToUseName,
    string Reason, string Status, string StatusName, string Bureau, string? DecidedBy, string? DecisionNote, int Version) : IVersioned;
