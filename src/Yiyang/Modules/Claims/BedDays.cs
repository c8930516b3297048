namespace Yiyang.Modules.Claims;

/// <summary>Claims settings (section "Claims").</summary>
public sealed class ClaimsOptions
{
    /// <summary>The admission day is a bed-day (default: yes).</summary>
    public bool CountAdmissionDay { get; set; } = true;

    /// <summary>The discharge day is a bed-day (default: no — 算入不算出).</summary>
    public bool CountDischargeDay { get; set; }
}

/// <summary>
/// Bed-day counting (床日数). Convention (default, 算入不算出): the admission day counts, the discharge day does not; a stay
/// that begins and ends on one day counts one day (unless neither day is counted by the settings). Only days inside the
/// month, on or before <c>until</c> (the last day that may be billed, e.g. today), and covered by one of the given
/// coverage ranges (inclusive; null end = open) count. Leave days are not recorded by the Institutions module yet and are
/// therefore counted as stay days.
/// </summary>
public static class BedDayRules
{
    public sealed record Stay(DateOnly AdmittedOn, DateOnly? DischargedOn);

    public sealed record Range(DateOnly Start, DateOnly? End);

    /// <summary>The billable days, ascending and distinct.</summary>
    public static IReadOnlyList<DateOnly> Days(IEnumerable<Stay> stays, int year, int month, IEnumerable<Range> covered,
        ClaimsOptions options, DateOnly? until = null)
    {
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
                if (ranges.Any(r => r.Start <= day && (r.End is null || day <= r.End))) days.Add(day);
        }
        return days.ToList();
    }

    public static int Count(IEnumerable<Stay> stays, int year, int month, IEnumerable<Range> covered, ClaimsOptions options, DateOnly? until = null) =>
        Days(stays, year, month, covered, options, until).Count;
}
