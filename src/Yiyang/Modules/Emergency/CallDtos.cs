namespace Yiyang.Modules.Emergency;

public sealed record CallInput(string? CallerNumber, string? Line);

public sealed record IncomingCallInput(string? CallerNumber, string? Line, DateTimeOffset? At);

public sealed record IncomingCallAccepted(long CallId);

public sealed record MatchCallerInput(long? ElderId, string? Relation, int? Version);

public sealed record TriageInput(string? Reason, Dictionary<string, string?>? Answers, int? Version);

public sealed record CompleteCallInput(string? Outcome, string? Note, int? Version);

public sealed record TriageAnswerDto(string Code, string Question, string Answer, string AnswerName, bool RedFlag);

public sealed record CallListItem(long Id, string Status, string StatusName, string? CallerMasked, string? Line, DateTimeOffset ReceivedAt,
    string? AnsweredBy, long? ElderId, string? ElderName, string? ReasonName, int? Priority, string? OutcomeName, long? IncidentId, int Version) : IVersioned;

public sealed record CallDto(
    long Id, string Status, string StatusName, string? CallerMasked, string? Line, string OpenedBy, DateTimeOffset ReceivedAt, DateTimeOffset? AnsweredAt,
    string? AnsweredBy, long? ElderId, string? ElderName, int? ElderAge, string? Match, string? MatchName, string? CallerRelation,
    IReadOnlyList<CallerCandidate> Candidates, string? Reason, string? ReasonName, IReadOnlyList<TriageAnswerDto> Triage, int? Priority,
    string? Outcome, string? OutcomeName, string? OutcomeNote, long? IncidentId, bool JoinedIncident, DateTimeOffset? EndedAt, string? EndedBy,
    IReadOnlyList<string> Actions, int Version) : IVersioned;
