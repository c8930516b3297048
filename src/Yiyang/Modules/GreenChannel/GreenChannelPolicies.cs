namespace Yiyang.Modules.GreenChannel;

/// <summary>The green-channel permissions beyond the module's endpoint policy (<see cref="GreenChannelPolicies.Use"/>).</summary>
public static class GreenChannelPolicies
{
    /// <summary>Books and handles green-channel appointments.</summary>
    public const string Use = "green-channel";

    /// <summary>Sees and acts on every organization's quotas and appointments, for either side (the city operator).</summary>
    public const string AnyOrganization = "green-channel.any-organization";

    /// <summary>Works the appointments of their own organization, as hospital or as care institution (institution staff).</summary>
    public const string OwnOrganization = "green-channel.own-organization";

    /// <summary>Opens and changes the daily quotas of their hospital's departments (institution admins; the city operator any).</summary>
    public const string ManageQuotas = "green-channel.quotas.manage";
}
