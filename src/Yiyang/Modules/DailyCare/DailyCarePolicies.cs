namespace Yiyang.Modules.DailyCare;

/// <summary>Permissions of the DailyCare module (roles in <see cref="DailyCareModule.PolicyRoles"/>).</summary>
public static class DailyCarePolicies
{
    /// <summary>Records daily care of residents.</summary>
    public const string Record = "daily-care.record";

    /// <summary>Reads daily-care statistics.</summary>
    public const string Stats = "daily-care.stats";

    /// <summary>Records medical-room encounters and orders.</summary>
    public const string Medical = "institution-care.medical";

    /// <summary>Manages medical/care zoning of an institution.</summary>
    public const string Zoning = "institution-care.zoning";
}
