namespace Yiyang.Modules.Emergency;

/// <summary>Settings of the emergency centre (<c>Emergency</c> section).</summary>
public sealed class EmergencyOptions
{
    /// <summary>Repeated alarms of a device (abnormal readings of an elder) within this many minutes of the last one join the open incident.</summary>
    public double DedupeWindowMinutes { get; set; } = 10;

    /// <summary>Seconds between two runs of the device-offline check (0: off).</summary>
    public double OfflineCheckSeconds { get; set; } = 60;

    /// <summary>How late a heartbeat may be, beyond the device's interval, before the device is offline.</summary>
    public double OfflineGraceSeconds { get; set; } = 60;

    /// <summary>A battery at or below this level (percent) raises a low-battery incident.</summary>
    public int LowBatteryPercent { get; set; } = 20;

    /// <summary>Seconds between two runs of the escalation check (0: off).</summary>
    public double EscalationCheckSeconds { get; set; } = 10;

    /// <summary>An incident of priority 1 not acknowledged within this many seconds escalates (the TEC target is 60 s).</summary>
    public int AcknowledgeSecondsPriority1 { get; set; } = 60;

    /// <summary>The acknowledgement limit of priority 2, in seconds.</summary>
    public int AcknowledgeSecondsPriority2 { get; set; } = 300;

    /// <summary>The acknowledgement limit of priority 3, in seconds.</summary>
    public int AcknowledgeSecondsPriority3 { get; set; } = 3600;

    /// <summary>At this multiple of the acknowledgement limit the escalation reaches the shift supervisor (level 2).</summary>
    public double SupervisorMultiple { get; set; } = 2;

    /// <summary>A task not accepted within this many seconds goes back to the operators with an alert.</summary>
    public int DispatchAcceptSeconds { get; set; } = 300;

    /// <summary>Telephony gateways allowed to push calls (<c>POST /api/calls/incoming</c>); only the SHA-256 of each secret is configured.</summary>
    public List<TelephonyGateway> Gateways { get; set; } = [];

    /// <summary>How often an open console stream looks for new events, in milliseconds (each node reads the shared table).</summary>
    public int StreamPollMilliseconds { get; set; } = 1000;

    /// <summary>A console stream ends itself after this many seconds; the browser reconnects at once and resumes where it stood.</summary>
    public int StreamSeconds { get; set; } = 300;

    public TimeSpan DedupeWindow => TimeSpan.FromMinutes(DedupeWindowMinutes);

    public TimeSpan OfflineGrace => TimeSpan.FromSeconds(OfflineGraceSeconds);
}
