namespace Yiyang.Modules.Emergency;

/// <summary>Settings of the family notifications (<c>Emergency:Notifications</c> section; docs/domain/emergency.md#notifications).</summary>
public sealed class NotificationOptions
{
    /// <summary>Seconds between two runs of the notifier (0: off).</summary>
    public double CheckSeconds { get; set; } = 5;

    /// <summary>The channel notices go through: the <see cref="INotificationChannel.Name"/> of a registered channel (default the file channel).</summary>
    public string Channel { get; set; } = FileNotificationChannel.ChannelName;

    /// <summary>Where the file channel appends its JSON lines; relative to the content root.</summary>
    public string FilePath { get; set; } = "App_Data/notifications/notifications.jsonl";

    /// <summary>A notice that failed this many times is dead (not tried again).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failure; it doubles after each further one.</summary>
    public double BackoffSeconds { get; set; } = 30;

    /// <summary>The longest wait between two attempts.</summary>
    public double MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>Events read again each round behind the cursor, for ids committed out of order.</summary>
    public int LookBackEvents { get; set; } = 200;
}
