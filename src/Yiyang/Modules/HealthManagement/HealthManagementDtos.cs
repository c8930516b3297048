using System.Text.Json;

namespace Yiyang.Modules.HealthManagement;

/// <summary>Settings (configuration section "HealthManagement").</summary>
public sealed class HealthManagementOptions
{
    /// <summary>Age of the 基本公卫 health-management population (65).</summary>
    public int ManagementAge { get; set; } = 65;
    /// <summary>docs/domain/elders-and-identifiers.md#counts-as-65-plus-in-a-year: a person counts for a year if they reach the age during it (false: only if reached by 1 January).</summary>
    public bool CountAgeReachedDuringYear { get; set; } = true;
    /// <summary>Chronic-disease follow-ups required per disease and year (基本公卫: at least 4).</summary>
    public int FollowupsPerYear { get; set; } = 4;
    /// <summary>Default targets in percent by indicator code (docs/domain/indicators.md#targets).</summary>
    public Dictionary<string, decimal> Targets { get; set; } = new()
    {
        [IndicatorCodes.HealthManagement] = 65m,
        [IndicatorCodes.TcmManagement] = 70m,
    };
    /// <summary>Targets for a given year, overriding <see cref="Targets"/>: year → indicator code → percent.</summary>
    public Dictionary<string, Dictionary<string, decimal>> TargetsByYear { get; set; } = new();

    public decimal? TargetFor(string indicator, int year) =>
        TargetsByYear.TryGetValue(year.ToString(System.Globalization.CultureInfo.InvariantCulture), out var y) && y.TryGetValue(indicator, out var t)
            ? t
            : Targets.TryGetValue(indicator, out var d) ? d : null;
}

public static class IndicatorCodes
{
    public const string HealthManagement = "elderly-health-management";
    public const string TcmManagement = "tcm-health-management";
    public const string DisabledAssessment = "disabled-assessment-coverage";

    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        (HealthManagement, "老年人健康管理率"), (TcmManagement, "老年人中医药健康管理率"), (DisabledAssessment, "失能老年人能力评估覆盖率"),
    ];
}

/// <summary>Body of <c>POST /api/health-checks</c> and <c>PUT /api/health-checks/{id}</c>: sections of field → value.</summary>
public sealed record HealthCheckInput
{
    public long? ElderId { get; init; }
    public DateOnly? CheckedOn { get; init; }
    public Dictionary<string, JsonElement>? Lifestyle { get; init; }
    public Dictionary<string, JsonElement>? SelfCare { get; init; }
    public Dictionary<string, JsonElement>? Screening { get; init; }
    public Dictionary<string, JsonElement>? PhysicalExam { get; init; }
    public Dictionary<string, JsonElement>? Tests { get; init; }
    public Dictionary<string, JsonElement>? Guidance { get; init; }
    public Dictionary<string, JsonElement>? Referral { get; init; }
    public int? Version { get; init; }

    public IReadOnlyDictionary<string, Dictionary<string, JsonElement>?> Sections() => new Dictionary<string, Dictionary<string, JsonElement>?>
    {
        ["lifestyle"] = Lifestyle,
        ["selfCare"] = SelfCare,
        ["screening"] = Screening,
        ["physicalExam"] = PhysicalExam,
        ["tests"] = Tests,
        ["guidance"] = Guidance,
        ["referral"] = Referral,
    };
}

public sealed record SelfCareDto(int Total, int BandCode, string BandName);

public sealed record HealthCheckDto(long Id, long ElderId, string ElderName, string TownshipCode, int Year, DateOnly CheckedOn, JsonElement Content,
    SelfCareDto? SelfCare, decimal? Bmi, IReadOnlyList<string> Abnormalities, bool Complete, IReadOnlyList<MissingItem> Missing, string Status,
    string StatusName, string CreatedBy, string? SignedBy, DateTimeOffset? SignedAt, DateTimeOffset UpdatedAt, int Version)
    : Platform.Web.IVersioned;

/// <summary>Body of <c>POST /api/tcm-management</c> and PUT: the 33 answers (and measurements) of the scorer plus the guidance areas given.</summary>
public sealed record TcmInput
{
    public long? ElderId { get; init; }
    public DateOnly? AssessedOn { get; init; }
    public Dictionary<string, JsonElement>? Items { get; init; }
    public decimal? Height { get; init; }
    public decimal? Weight { get; init; }
    public decimal? Waist { get; init; }
    /// <summary>emotion / diet / daily-life / exercise / acupoint (or 情志调摄…).</summary>
    public List<string>? GuidanceTopics { get; init; }
    public int? Version { get; init; }
}

public sealed record TcmDto(long Id, long ElderId, string ElderName, string TownshipCode, int Year, DateOnly AssessedOn, JsonElement Answers,
    JsonElement Result, string Identified, IReadOnlyList<string> GuidanceTopics, IReadOnlyList<string> GuidanceTopicNames, bool Complete,
    IReadOnlyList<MissingItem> Missing, string Status, string StatusName, string CreatedBy, string? SignedBy, DateTimeOffset? SignedAt, int Version)
    : Platform.Web.IVersioned;

public sealed record FollowupInput(long? ElderId, string? Disease, DateOnly? FollowedOn, string? Way, List<string>? Symptoms, int? Systolic,
    int? Diastolic, decimal? FastingGlucose, string? Adherence, string? Classification, DateOnly? NextOn, string? Notes);

public sealed record FollowupDto(long Id, long ElderId, string Disease, string DiseaseName, DateOnly FollowedOn, string Way, string WayName,
    IReadOnlyList<string> Symptoms, int? Systolic, int? Diastolic, decimal? FastingGlucose, string Adherence, string AdherenceName,
    string Classification, string ClassificationName, DateOnly? NextOn, string? Notes, string CreatedBy);

public sealed record FollowupCount(string Disease, string DiseaseName, int Count, int Required, bool Met);

public sealed record FollowupYear(long ElderId, int Year, IReadOnlyList<FollowupCount> Counts, IReadOnlyList<FollowupDto> Items);

public sealed record VaccinationInput(long? ElderId, string? Vaccine, DateOnly? VaccinatedOn, string? Notes);

public sealed record VaccinationDto(long Id, long ElderId, string Vaccine, string VaccineName, DateOnly VaccinatedOn, string? Notes, string CreatedBy);

public sealed record IndicatorDto(string Code, string Name, int Numerator, int Denominator, decimal? Rate, decimal? Target, string Definition);

/// <summary>A record behind a numerator, for drill-through: masked name only.</summary>
public sealed record ContributingRecord(long ElderId, string MaskedName, string TownshipCode, string TownshipName, string RecordKind, long RecordId,
    DateOnly On);

public sealed record HealthManagementIndicators(string RegionCode, string RegionName, int Year, IReadOnlyList<IndicatorDto> Indicators,
    string Drill, PagedList<ContributingRecord> Records, string Basis, DateTimeOffset? CountedAt = null);

/// <summary>One elder of the yearly work list; <c>Age</c> is the age reached in the year.</summary>
public sealed record ElderYearStatus(long ElderId, string Name, int Age, string TownshipName, string Check, long? CheckId, string Tcm, long? TcmId,
    int Followups);
