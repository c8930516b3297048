namespace Yiyang.Modules.Referrals;

/// <summary>The referral permissions beyond the module's two endpoint policies (<see cref="ReferralPolicies.Use"/>, <see cref="ReferralPolicies.Stats"/>).</summary>
public static class ReferralPolicies
{
    /// <summary>Creates and handles referrals.</summary>
    public const string Use = "referrals";

    /// <summary>Reads referral statistics.</summary>
    public const string Stats = "referrals.stats";

    /// <summary>Sees and acts on the referrals of every organization, for either side (the city operator).</summary>
    public const string AnyOrganization = "referrals.any-organization";

    /// <summary>Works the referrals sent by or addressed to their own organization (institution staff).</summary>
    public const string OwnOrganization = "referrals.own-organization";

    /// <summary>Reads the referral statistics of the organizations in their region (regulators).</summary>
    public const string RegionStats = "referrals.stats.region";
}
