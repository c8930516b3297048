namespace Yiyang.Modules.Emergency;

/// <summary>The answer to a registration: the only time the secret is shown.</summary>
public sealed record DeviceSecretDto(long Id, string Secret);

public sealed record DeviceDto(
    long Id, long ElderId, string Kind, string KindName, string Serial, string? InstalledAt, int HeartbeatSeconds, DateTimeOffset BoundFrom,
    DateTimeOffset? RevokedAt, string? RevokeReason, DateTimeOffset? LastSeenAt, int? BatteryPercent, bool Online, int Version) : IVersioned;

/// <summary>The answer to an alarm: the incident it opened or joined (the same for a replayed message).</summary>
public sealed record AlarmAccepted(long IncidentId);

/// <summary>The answer to a batch of readings: how many were new, and the incidents raised or joined.</summary>
public sealed record ReadingsAccepted(int Stored, int Replayed, IReadOnlyList<long> IncidentIds);

public sealed record HeartbeatAccepted(long DeviceId, DateTimeOffset LastSeenAt, int? BatteryPercent);

public sealed record DispatchDto(long Id, string ResponderKind, string ResponderKindName, string? ResponderName, string? Note, DateTimeOffset DispatchedAt, string DispatchedBy,
    string Status, string StatusName, bool Inbox, DateTimeOffset? AcceptedAt, string? AcceptedBy, DateTimeOffset? ArrivedAt, DateTimeOffset? DoneAt, string? Result);

public sealed record StepDto(string Code, string Name, DateTimeOffset At, string By);

public sealed record IncidentDto(
    long Id, long ElderId, string ElderName, int ElderAge, string TownshipCode, string Kind, string KindName, int Priority, string Status,
    string StatusName, string Summary, long? DeviceId, string? DeviceKindName, string? DeviceInstalledAt, int SignalCount, DateTimeOffset OpenedAt,
    DateTimeOffset LastSignalAt, int? AnswerSeconds, IReadOnlyList<StepDto> Steps, string? Outcome, string? OutcomeName, string? OutcomeNote,
    IReadOnlyList<DispatchDto> Dispatches, IReadOnlyList<string> Actions, int Version, int? EscalationLevel = null, string? Escalation = null,
    string? SourceName = null, string? SourceLink = null) : IVersioned;

/// <summary>Body of acknowledge, on scene and close: an optional note and the version read.</summary>
public sealed record IncidentStepInput(string? Note, int? Version);

public sealed record DispatchInput(string? ResponderKind, string? ResponderName, string? Note, int? Version, int? ContactIndex = null);

public sealed record ResolveInput(string? Outcome, string? Note, int? Version);
