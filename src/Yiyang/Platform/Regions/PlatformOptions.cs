namespace Yiyang.Platform.Regions;

/// <summary>Section <c>Platform</c>: the city the platform serves and the district its pages open on.</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>The platform's city; default 6102 铜川市 (the demo city). The public free-beds list covers its districts.</summary>
    public string CityCode { get; set; } = "6102";

    /// <summary>
    /// The district that region pickers and reports open on for users without a region of their own (the platform admin);
    /// default 610202 王益区 (the demo district).
    /// </summary>
    public string DistrictCode { get; set; } = "610202";

    /// <summary>
    /// The region a user's pickers start from: their own region when it is at least <paramref name="minLength"/> digits
    /// long (4 = a city, 6 = a district), else <see cref="DistrictCode"/>.
    /// </summary>
    public string RootFor(Security.CurrentUser user, int minLength = 4) =>
        user.RegionCode is { } r && r.Length >= minLength ? r : DistrictCode;
}
