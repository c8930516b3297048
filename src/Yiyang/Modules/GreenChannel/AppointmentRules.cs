namespace Yiyang.Modules.GreenChannel;

public enum AppointmentAction
{
    Confirm,
    Arrive,
    Serve,
    Cancel,
}

/// <summary>
/// The green-channel appointment machine, free of the database (docs/domain/collaboration.md#green-channel-appointment-status: priority in registration, diagnosis and
/// admission; record time-to-care): 已预约 → 已确认 (hospital) → 已到达 (hospital) → 已就诊 (hospital); 已取消 by either
/// side, with a reason, before arrival. Slots: the smallest free ordinal in 1..quota.
/// </summary>
public static class AppointmentRules
{
    /// <summary>Null when allowed; otherwise (status, Chinese message): 403 wrong side, 409 wrong state.</summary>
    public static (int Status, string Message)? Refusal(AppointmentStatus status, AppointmentAction action, bool hospitalSide, bool careSide)
    {
        if (action != AppointmentAction.Cancel && !hospitalSide)
            return (403, $"只有医院可以{ActionName(action)}。");
        if (action == AppointmentAction.Cancel && !hospitalSide && !careSide)
            return (403, "无权取消该预约。");
        var from = action switch
        {
            AppointmentAction.Confirm => new[] { AppointmentStatus.Booked },
            AppointmentAction.Arrive => [AppointmentStatus.Confirmed],
            AppointmentAction.Serve => [AppointmentStatus.Arrived],
            _ => [AppointmentStatus.Booked, AppointmentStatus.Confirmed],
        };
        return from.Contains(status) ? null : (409, $"该预约当前状态为“{StatusName(status)}”，不能{ActionName(action)}。");
    }

    public static AppointmentStatus Next(AppointmentAction action) => action switch
    {
        AppointmentAction.Confirm => AppointmentStatus.Confirmed,
        AppointmentAction.Arrive => AppointmentStatus.Arrived,
        AppointmentAction.Serve => AppointmentStatus.Served,
        _ => AppointmentStatus.Cancelled,
    };

    /// <summary>The smallest slot ordinal in 1..quota not taken, or null when the day is full.</summary>
    public static int? FreeSlot(IEnumerable<int> taken, int quota, IEnumerable<int>? skip = null)
    {
        var used = new HashSet<int>(taken);
        if (skip is not null) used.UnionWith(skip);
        for (var i = 1; i <= quota; i++)
            if (!used.Contains(i)) return i;
        return null;
    }

    /// <summary>Minutes from arrival at the hospital to being seen (the green channel's promise), null until served.</summary>
    public static int? MinutesToCare(DateTimeOffset? arrivedAt, DateTimeOffset? servedAt) =>
        arrivedAt is { } a && servedAt is { } s ? (int)Math.Floor((s - a).TotalMinutes) : null;

    /// <summary>Minutes from the booking to being seen, null until served.</summary>
    public static int? MinutesFromBooking(DateTimeOffset bookedAt, DateTimeOffset? servedAt) =>
        servedAt is { } s ? (int)Math.Floor((s - bookedAt).TotalMinutes) : null;

    public static string ActionName(AppointmentAction a) => a switch
    {
        AppointmentAction.Confirm => "确认",
        AppointmentAction.Arrive => "登记到达",
        AppointmentAction.Serve => "登记就诊",
        _ => "取消",
    };

    public static string StatusCode(AppointmentStatus s) => s switch
    {
        AppointmentStatus.Booked => "booked",
        AppointmentStatus.Confirmed => "confirmed",
        AppointmentStatus.Arrived => "arrived",
        AppointmentStatus.Served => "served",
        _ => "cancelled",
    };

    public static string StatusName(AppointmentStatus s) => s switch
    {
        AppointmentStatus.Booked => "已预约",
        AppointmentStatus.Confirmed => "已确认",
        AppointmentStatus.Arrived => "已到达",
        AppointmentStatus.Served => "已就诊",
        _ => "已取消",
    };
}
