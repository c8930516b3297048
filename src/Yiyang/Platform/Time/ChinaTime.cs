using System.Globalization;

namespace Yiyang.Platform.Time;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving) on the app's <see cref="TimeProvider"/>: what "today" and
/// "now" mean for users, and how instants are shown. Instants are stored as UTC; dates the users speak of are
/// China dates.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>Now, as a China wall-clock instant.</summary>
    public static DateTimeOffset ChinaNow(this TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    /// <summary>Today's date in China.</summary>
    public static DateOnly ChinaToday(this TimeProvider clock) => clock.GetUtcNow().ChinaDate();

    /// <summary>The instant on the China wall clock.</summary>
    public static DateTimeOffset ToChina(this DateTimeOffset at) => at.ToOffset(Offset);

    /// <summary>The China date an instant falls on.</summary>
    public static DateOnly ChinaDate(this DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>Midnight at the start of a China date, as an instant.</summary>
    public static DateTimeOffset ChinaStartOfDay(this DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>"yyyy-MM-dd HH:mm" (or another format) on the China wall clock.</summary>
    public static string ChinaText(this DateTimeOffset at, string format = "yyyy-MM-dd HH:mm") =>
        at.ToOffset(Offset).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>As <see cref="ChinaText(DateTimeOffset, string)"/>; <paramref name="none"/> when there is no instant.</summary>
    public static string ChinaText(this DateTimeOffset? at, string format = "yyyy-MM-dd HH:mm", string none = "—") =>
        at is { } v ? v.ChinaText(format) : none;
}
