namespace Yiyang.Modules.Inbox;

/// <summary>The inbox's permission: every business role reads and marks its own messages, nobody anyone else's.</summary>
public static class InboxPolicies
{
    /// <summary>Reads one's own inbox and marks its messages read (the staff roles that are told things).</summary>
    public const string Read = "inbox.read";
}
