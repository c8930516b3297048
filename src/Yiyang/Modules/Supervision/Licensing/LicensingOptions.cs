namespace Yiyang.Modules.Supervision;

/// <summary>Settings of licensing (section <c>Supervision:Licensing</c>; docs/domain/supervision.md#licensing).</summary>
public sealed class LicensingOptions
{
    /// <summary>The time limit in working days from acceptance to decision, when the kind has none of its own (10).</summary>
    public int DefaultTimeLimitWorkingDays { get; set; } = 10;

    /// <summary>Time limits per kind code (e.g. <c>care-filing: 10</c>); a kind not listed takes the default.</summary>
    public Dictionary<string, int> TimeLimitWorkingDays { get; set; } = [];

    /// <summary>Whether a request for more documents stops the clock until they arrive (default: it does).</summary>
    public bool DocumentRequestStopsClock { get; set; } = true;

    /// <summary>Licences expiring within this many days are on the bureau's list (60).</summary>
    public int ExpiryWarningDays { get; set; } = 60;

    /// <summary>The validity of a licence when the decision names no end, in years (5).</summary>
    public int DefaultValidityYears { get; set; } = 5;

    public int TimeLimitOf(string kind) =>
        TimeLimitWorkingDays.TryGetValue(kind, out var days) && days is >= 1 and <= WorkingDayRules.MaxDays ? days : DefaultTimeLimitWorkingDays;
}
