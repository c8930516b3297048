namespace Yiyang.Modules.Claims;

/// <summary>Permissions of the Claims module (roles in <see cref="ClaimsModule.PolicyRoles"/>).</summary>
public static class ClaimPolicies
{
    /// <summary>Reads bed-day claims and coverage.</summary>
    public const string Read = "claims.read";

    /// <summary>Prepares and submits claims, records coverage.</summary>
    public const string Write = "claims.write";
}
