using System.Text.Json;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>
/// Body of <c>POST /api/assessments</c>, <c>PUT /api/assessments/{id}</c> and <c>POST /api/assessments/{id}/corrections</c>.
/// <c>items</c> and the flags are those of <c>POST /api/instruments/{code}/score</c>. <c>assessors</c>: user ids (numbers
/// or numeric strings) or names; GB/T 42195 needs two distinct assessors.
/// </summary>
public sealed record AssessmentInput
{
    public long? ElderId { get; init; }
    public string? InstrumentCode { get; init; }
    /// <summary>initial / routine / immediate / review / other, or 首次/常规/即时/复评/其他.</summary>
    public string? Reason { get; init; }
    public DateOnly? AssessedOn { get; init; }
    public List<JsonElement>? Assessors { get; init; }
    public Dictionary<string, JsonElement>? Items { get; init; }
    public bool? Coma { get; init; }
    public List<string>? Diagnoses { get; init; }
    public bool? PsychiatristDiagnosed { get; init; }
    public Dictionary<string, int>? RiskEvents30d { get; init; }
    public decimal? Height { get; init; }
    public decimal? Weight { get; init; }
    public decimal? Waist { get; init; }
    /// <summary>Corrections: why the signed version is corrected.</summary>
    public string? Note { get; init; }
    /// <summary>Edits of drafts: the version read (or If-Match).</summary>
    public int? Version { get; init; }

    public ScoreRequest ToScoreRequest() =>
        new(Items, Coma, Diagnoses, PsychiatristDiagnosed, RiskEvents30d, Height, Weight, Waist);
}

public sealed record AssessorDto(long? UserId, string Name);

public sealed record AssessmentDto(
    long Id, long ElderId, string ElderName, string TownshipCode, string InstrumentCode, string InstrumentVersion, string InstrumentName,
    string Reason, string ReasonName, DateOnly AssessedOn, IReadOnlyList<AssessorDto> Assessors, JsonElement Answers, JsonElement Result,
    int? Total, int? LevelCode, string? LevelName, string Status, string StatusName, DateOnly? NextDue, long? PreviousId,
    long? CorrectedById, string? CorrectionNote, string CreatedBy, string? SignedBy, DateTimeOffset? SignedAt, DateTimeOffset CreatedAt,
    int Version) : Platform.Web.IVersioned;

/// <summary>One elder on the reassessment list.</summary>
public sealed record DueEntry(long ElderId, string ElderName, string TownshipCode, string TownshipName, IReadOnlyList<string> Flags,
    string Kind, string KindName, DateOnly? NextDue, DateOnly? LastAssessedOn, long? LastAssessmentId, string? Trigger);

public sealed record DueList(DateOnly Before, int ReassessmentMonths, IReadOnlyList<DueEntry> Items, int Total);
