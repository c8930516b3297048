namespace Yiyang.Modules.Claims;

/// <summary>Claims settings (section "Claims").</summary>
public sealed class ClaimsOptions
{
    /// <summary>The admission day is a bed-day (default: yes).</summary>
    public bool CountAdmissionDay { get; set; } = true;

    /// <summary>The discharge day is a bed-day (default: no — 算入不算出).</summary>
    public bool CountDischargeDay { get; set; }

    /// <summary>Days away on personal leave (请假) are bed-days (default: yes — the bed is held and care continues to be planned).</summary>
    public bool CountPersonalLeaveDays { get; set; } = true;

    /// <summary>
    /// Days away in hospital (住院外出) are bed-days (default: no — 医保 pays the in-patient days, so 长护险 must not pay the
    /// same day twice). Platform decision awaiting the product owner (docs/history/notes/free-beds-and-forms.md).
    /// </summary>
    public bool CountHospitalisedLeaveDays { get; set; }

    /// <summary>The day a leave starts is a leave day (default: yes — like a hospital's 算入不算出, the day of going to hospital is a hospital day).</summary>
    public bool LeaveStartDayIsLeave { get; set; } = true;

    /// <summary>The day of return is a leave day (default: no — the resident sleeps in the bed again, it is a bed-day).</summary>
    public bool LeaveReturnDayIsLeave { get; set; }
}

/// <summary>
/// Bed-day counting (床日数). Convention (default, 算入不算出): the admission day counts, the discharge day does not; a stay
/// that begins and ends on one day counts one day (unless neither day is counted by the settings). Only days inside the
/// month, on or before <c>until</c> (the last day that may be billed, e.g. today), and covered by one of the given
/// coverage ranges (inclusive; null end = open) count. Leave days (请假 / 住院外出) count or not per
/// <see cref="ClaimsOptions"/>: by default personal-leave days count and hospitalised days do not; the start day of a leave
/// is a leave day, the return day is not; a leave not yet returned runs on to the end of the counted period.
/// </summary>
public static class BedDayRules
{
    public sealed record Stay(DateOnly AdmittedOn, DateOnly? DischargedOn);

    public sealed record Range(DateOnly Start, DateOnly? End);

    /// <summary>A leave during a stay: hospitalised (住院) or personal (请假); <c>ReturnedOn</c> null = not back yet.</summary>
    public sealed record Leave(bool Hospitalised, DateOnly StartOn, DateOnly? ReturnedOn);

    /// <summary>Whether <paramref name="day"/> is a leave day that the settings do not count as a bed-day.</summary>
    public static bool IsUncountedLeaveDay(DateOnly day, IEnumerable<Leave> leaves, ClaimsOptions options) => leaves.Any(l =>
    {
        if (l.Hospitalised ? options.CountHospitalisedLeaveDays : options.CountPersonalLeaveDays) return false;
        var from = options.LeaveStartDayIsLeave ? l.StartOn : l.StartOn.AddDays(1);
        var to = l.ReturnedOn is { } r ? (options.LeaveReturnDayIsLeave ? r : r.AddDays(-1)) : DateOnly.MaxValue;
        return from <= day && day <= to;
    });

    /// <summary>The billable days, ascending and distinct.</summary>
    public static IReadOnlyList<DateOnly> Days(IEnumerable<Stay> stays, int year, int month, IEnumerable<Range> covered,
        ClaimsOptions options, DateOnly? until = null, IEnumerable<Leave>? leaves = null)
    {
        var away = leaves?.ToList() ?? [];
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        if (until is { } u && u < last) last = u;
        var ranges = covered.ToList();
        var days = new SortedSet<DateOnly>();
        foreach (var s in stays)
        {
            DateOnly from, to;
            if (s.DischargedOn is { } d && d == s.AdmittedOn)
            {
                if (!options.CountAdmissionDay && !options.CountDischargeDay) continue;
                from = to = d;
            }
            else
            {
                from = options.CountAdmissionDay ? s.AdmittedOn : s.AdmittedOn.AddDays(1);
                to = s.DischargedOn is { } dd ? (options.CountDischargeDay ? dd : dd.AddDays(-1)) : DateOnly.MaxValue;
            }
            if (from < first) from = first;
            if (to > last) to = last;
            for (var day = from; day <= to; day = day.AddDays(1))
                if (ranges.Any(r => r.Start <= day && (r.End is null || day <= r.End)) && !IsUncountedLeaveDay(day, away, options)) days.Add(day);
        }
        return days.ToList();
    }

    public static int Count(IEnumerable<Stay> stays, int year, int month, IEnumerable<Range> covered, ClaimsOptions options, DateOnly? until = null,
        IEnumerable<Leave>? leaves = null) =>
        Days(stays, year, month, covered, options, until, leaves).Count;
}
