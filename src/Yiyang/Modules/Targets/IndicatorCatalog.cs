namespace Yiyang.Modules.Targets;

/// <summary>The indicators the modules publish, by code, in the catalogue's order (docs/domain/targets.md#indicator-catalogue).</summary>
public sealed class IndicatorCatalog
{
    private readonly Dictionary<string, IIndicator> _byCode;

    public IndicatorCatalog(IEnumerable<IIndicator> indicators)
    {
        All = [.. indicators.OrderBy(i => Array.IndexOf(Order, i.Definition.Code) is var n && n < 0 ? int.MaxValue : n)
            .ThenBy(i => i.Definition.Code, StringComparer.Ordinal)];
        _byCode = All.ToDictionary(i => i.Definition.Code, StringComparer.Ordinal); // a code published twice fails here
    }

    /// <summary>The order of the dashboard: health management, signing, beds and care homes, hospitals, supervision.</summary>
    public static readonly string[] Order =
    [
        "elder-health-management-rate", "tcm-health-management-rate", "family-doctor-signing-rate", "key-population-signing-rate",
        "health-card-coverage", "ltc-assessment-coverage", "nursing-bed-share", "care-home-cooperation-rate",
        "care-homes-with-medical-service-share", "large-care-homes-with-medical-room", "integrated-institutions",
        "community-integrated-centres", "pilot-institutions", "geriatrics-department-share", "green-channel-coverage",
        "tcm-hall-coverage", "referral-timeliness", "random-inspection-ratio", "rectification-completion-rate", "licensing-on-time-rate",
    ];

    public IReadOnlyList<IIndicator> All { get; }

    public IIndicator? Find(string? code) => code is not null && _byCode.TryGetValue(code.Trim(), out var i) ? i : null;
}
