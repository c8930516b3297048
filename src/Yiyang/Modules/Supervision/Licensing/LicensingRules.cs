namespace Yiyang.Modules.Supervision;

/// <summary>Where an application's clock stands: the working days used before the current run, the day the current run
/// started (null while stopped) and the deadline (null while stopped).</summary>
public sealed record LicensingClock(int DaysUsed, DateOnly? RunningSince, DateOnly? DeadlineOn);

/// <summary>
/// The states of a licensing application and its working-day clock (docs/domain/supervision.md#licensing):
/// submitted → accepted → (documents-requested ↔ accepted) → approved | refused; withdrawn by the applicant before the
/// decision. Accepting starts the clock (deadline = N working days after the day of acceptance); a request for documents
/// stops it (when the setting says so), keeping the working days used; the documents' arrival restarts it with the rest.
/// </summary>
public static class LicensingRules
{
    public const string Submitted = "submitted";
    public const string Accepted = "accepted";
    public const string DocumentsRequested = "documents-requested";
    public const string Approved = "approved";
    public const string Refused = "refused";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> States = [Submitted, Accepted, DocumentsRequested, Approved, Refused, Withdrawn];

    public static string StatusName(string status) => status switch
    {
        Submitted => "已提交待受理",
        Accepted => "已受理审查中",
        DocumentsRequested => "待补正材料",
        Approved => "已批准",
        Refused => "不予许可",
        Withdrawn => "已撤回",
        _ => status,
    };

    public static bool IsOpen(string status) => status is Submitted or Accepted or DocumentsRequested;

    public static bool MayUpload(string status) => status is Submitted or DocumentsRequested;

    /// <summary>Whether the action is allowed from the status (the state machine; the database checks mirror it).</summary>
    public static bool Allows(string status, string action) => action switch
    {
        "accept" => status == Submitted,
        "request-documents" => status == Accepted,
        "documents-received" => status == DocumentsRequested,
        "decide" => status == Accepted,
        "withdraw" => IsOpen(status),
        _ => false,
    };

    /// <summary>Accepting on <paramref name="acceptedOn"/> starts the clock: the deadline is N working days later.</summary>
    public static LicensingClock Start(DateOnly acceptedOn, int limit, Func<int, YearCalendar?> calendars) =>
        new(0, acceptedOn, WorkingDayRules.Add(acceptedOn, limit, calendars));

    /// <summary>
    /// A request for documents on <paramref name="on"/> stops the clock: the working days after the run's start up to and
    /// including <paramref name="on"/> are used. Without <paramref name="stops"/> the clock runs on unchanged.
    /// </summary>
    public static LicensingClock Stop(LicensingClock clock, DateOnly on, bool stops, Func<int, YearCalendar?> calendars)
    {
        if (!stops || clock.RunningSince is not { } since) return clock;
        return new(clock.DaysUsed + CountWorkingDays(since, on, calendars), null, null);
    }

    /// <summary>The documents arrive on <paramref name="on"/>: the clock restarts with the working days left (at least none).</summary>
    public static LicensingClock Restart(LicensingClock clock, DateOnly on, int limit, Func<int, YearCalendar?> calendars)
    {
        if (clock.RunningSince is not null) return clock; // it never stopped
        return new(clock.DaysUsed, on, WorkingDayRules.Add(on, Math.Max(0, limit - clock.DaysUsed), calendars));
    }

    /// <summary>The working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when to ≤ from).</summary>
    public static int CountWorkingDays(DateOnly from, DateOnly to, Func<int, YearCalendar?> calendars)
    {
        var n = 0;
        YearCalendar? calendar = null;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (calendar?.Year != d.Year) calendar = calendars(d.Year) ?? throw WorkingDayRules.Missing(d.Year);
            if (WorkingDayRules.IsWorkingDay(d, calendar)) n++;
        }
        return n;
    }

    /// <summary>Overdue: undecided, the clock running (a deadline) and today after the deadline.</summary>
    public static bool IsOverdue(string status, DateOnly? deadline, DateOnly today) =>
        status is Accepted or DocumentsRequested && deadline is { } d && today > d;

    /// <summary>Whether a licence valid until <paramref name="validTo"/> expires within the days (and has not expired).</summary>
    public static bool ExpiresWithin(DateOnly validTo, DateOnly today, int days) => validTo >= today && validTo <= today.AddDays(days);
}
