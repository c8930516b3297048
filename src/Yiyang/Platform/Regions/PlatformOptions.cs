namespace Yiyang.Platform.Regions;

/// <summary>Section <c>Platform</c>: the city the platform serves (a 4-digit city code of the region catalogue).</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>The platform's city; default 6102 铜川市 (the demo city). The public free-beds list covers its districts.</summary>
    public string CityCode { get; set; } = "6102";
}
