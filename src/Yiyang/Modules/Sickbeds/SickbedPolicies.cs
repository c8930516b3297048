namespace Yiyang.Modules.Sickbeds;

/// <summary>Permissions of the sickbed module beyond read and write (roles in <see cref="SickbedsModule.PolicyRoles"/>).</summary>
public static class SickbedPolicies
{
    /// <summary>Reads family sickbeds.</summary>
    public const string Read = "sickbeds.read";

    /// <summary>Applies for sickbeds and records rounds and nursing.</summary>
    public const string Write = "sickbeds.write";

    /// <summary>Assessment, opening, orders, renewal and closing are a physician's decisions (docs/domain/sickbeds.md#who-may-open-a-sickbed).</summary>
    public const string Decide = "sickbeds.decide";

    /// <summary>The 403 message when someone else tries a physician's decision.</summary>
    public const string DecideMessage = "评估审批、建床、医嘱、续床和撤床须由医生办理。";
}
