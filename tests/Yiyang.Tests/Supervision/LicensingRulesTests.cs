using Yiyang.Modules.Organizations;
using Yiyang.Modules.Supervision;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;

namespace Yiyang.Tests.Supervision;

/// <summary>The licensing clock on the 2025 and 2026 calendars: start, stop for documents, restart with the days left.</summary>
public sealed class LicensingRulesTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static YearCalendar? Calendars(int year) => year switch { 2026 => WorkingDayRulesTests.Y2026, 2025 => WorkingDayRulesTests.Y2025, _ => null };

    [Theory]
    [InlineData("2026-03-09", "2026-03-23")] // a Monday: two plain weeks
    [InlineData("2026-09-28", "2026-10-16")] // across 国庆 (1–7 October off) with Saturday 10 October a make-up working day
    [InlineData("2026-02-12", "2026-03-04")] // Fri 13, Sat 14 (make-up), the Spring Festival 15–23, Sat 28 (make-up)
    [InlineData("2025-12-30", "2026-01-14")] // across the new year: 1–3 January off, Sunday 4 January works
    public void Accepting_starts_a_ten_working_day_clock(string acceptedOn, string deadline)
    {
        var clock = LicensingRules.Start(D(acceptedOn), 10, Calendars);
        Assert.Equal(D(deadline), clock.DeadlineOn);
        Assert.Equal(D(acceptedOn), clock.RunningSince);
        Assert.Equal(0, clock.DaysUsed);
    }

    [Fact]
    public void A_request_for_documents_stops_the_clock_and_their_arrival_restarts_it_with_the_days_left()
    {
        var started = LicensingRules.Start(D("2026-09-21"), 10, Calendars); // Monday
        Assert.Equal(D("2026-10-12"), started.DeadlineOn); // 22–24, (25–27 中秋), 28–30, (1–7 国庆), 8, 9, Sat 10 (make-up), 12
        // asked on Thursday 24 September: 22, 23, 24 used
        var stopped = LicensingRules.Stop(started, D("2026-09-24"), stops: true, Calendars);
        Assert.Equal(3, stopped.DaysUsed);
        Assert.Null(stopped.DeadlineOn);
        Assert.Null(stopped.RunningSince);
        // the documents arrive on Wednesday 30 September: 7 days left — 8, 9, 10 (make-up Saturday), 12, 13, 14, 15 October
        var restarted = LicensingRules.Restart(stopped, D("2026-09-30"), 10, Calendars);
        Assert.Equal(D("2026-10-15"), restarted.DeadlineOn);
        Assert.Equal(3, restarted.DaysUsed);
        // asked again on 13 October (8, 9, 10, 12, 13 used: 3 + 5), arriving on Saturday 17 October: 2 days left — 19, 20
        var again = LicensingRules.Stop(restarted, D("2026-10-13"), true, Calendars);
        Assert.Equal(8, again.DaysUsed);
        Assert.Equal(D("2026-10-20"), LicensingRules.Restart(again, D("2026-10-17"), 10, Calendars).DeadlineOn);
    }

    [Fact]
    public void Days_used_up_leave_the_arrival_day_itself_as_the_deadline()
    {
        var started = LicensingRules.Start(D("2026-03-02"), 3, Calendars);
        var stopped = LicensingRules.Stop(started, D("2026-03-10"), true, Calendars); // 6 working days used of 3
        Assert.Equal(6, stopped.DaysUsed);
        Assert.Equal(D("2026-03-12"), LicensingRules.Restart(stopped, D("2026-03-12"), 3, Calendars).DeadlineOn);
    }

    [Fact]
    public void When_the_setting_says_so_a_request_does_not_stop_the_clock()
    {
        var started = LicensingRules.Start(D("2026-09-21"), 10, Calendars);
        var asked = LicensingRules.Stop(started, D("2026-09-24"), stops: false, Calendars);
        Assert.Equal(started, asked);
        Assert.Equal(started, LicensingRules.Restart(asked, D("2026-09-30"), 10, Calendars)); // it never stopped
    }

    [Theory]
    [InlineData("2026-02-13", "2026-02-24", 2)] // Sat 14 (make-up) and Tue 24; the Spring Festival does not count
    [InlineData("2026-03-06", "2026-03-09", 1)] // a weekend between
    [InlineData("2026-03-09", "2026-03-09", 0)]
    [InlineData("2026-03-09", "2026-03-02", 0)]
    [InlineData("2025-12-31", "2026-01-05", 2)] // Sunday 4 January works, Monday 5
    public void Working_days_are_counted_after_the_start_up_to_the_day(string from, string to, int expected) =>
        Assert.Equal(expected, LicensingRules.CountWorkingDays(D(from), D(to), Calendars));

    [Fact]
    public void A_year_without_a_calendar_stops_the_count_with_an_error()
    {
        var e = Assert.Throws<BusinessRuleException>(() => LicensingRules.Start(D("2026-12-24"), 10, Calendars));
        Assert.Equal("calendar-missing", e.Code);
        Assert.Throws<BusinessRuleException>(() => LicensingRules.CountWorkingDays(D("2026-12-30"), D("2027-01-04"), Calendars));
    }

    [Theory]
    [InlineData("submitted", "accept", true)]
    [InlineData("submitted", "decide", false)]
    [InlineData("accepted", "request-documents", true)]
    [InlineData("accepted", "decide", true)]
    [InlineData("documents-requested", "decide", false)]
    [InlineData("documents-requested", "documents-received", true)]
    [InlineData("documents-requested", "withdraw", true)]
    [InlineData("approved", "withdraw", false)]
    [InlineData("refused", "accept", false)]
    [InlineData("withdrawn", "accept", false)]
    public void The_state_machine_allows_only_its_transitions(string status, string action, bool allowed) =>
        Assert.Equal(allowed, LicensingRules.Allows(status, action));

    [Fact]
    public void Overdue_is_an_accepted_application_past_its_deadline_and_expiry_looks_ahead()
    {
        Assert.True(LicensingRules.IsOverdue("accepted", D("2026-03-10"), D("2026-03-11")));
        Assert.False(LicensingRules.IsOverdue("accepted", D("2026-03-10"), D("2026-03-10")));
        Assert.False(LicensingRules.IsOverdue("documents-requested", null, D("2026-03-11"))); // the clock stopped
        Assert.True(LicensingRules.IsOverdue("documents-requested", D("2026-03-10"), D("2026-03-11"))); // the setting kept it running
        Assert.False(LicensingRules.IsOverdue("approved", D("2026-03-10"), D("2026-04-11")));
        Assert.True(LicensingRules.ExpiresWithin(D("2026-05-09"), D("2026-03-10"), 60));
        Assert.False(LicensingRules.ExpiresWithin(D("2026-05-10"), D("2026-03-10"), 60));
        Assert.False(LicensingRules.ExpiresWithin(D("2026-03-09"), D("2026-03-10"), 60)); // expired already
    }

    [Fact]
    public void Each_kind_names_its_bureau_documents_and_who_may_apply()
    {
        Assert.Equal(7, LicensingKinds.All.Count);
        Assert.All(LicensingKinds.All, k => Assert.NotEmpty(k.Documents));
        Assert.Equal(Bureaus.CivilAffairs, LicensingKinds.Find("care-filing")!.Bureau);
        Assert.Equal(Bureaus.Health, LicensingKinds.Find("inner-medical-filing")!.Bureau);
        Assert.DoesNotContain(LicensingKinds.For(OrganizationKind.Medical), k => k.Code == "care-filing");
        Assert.Contains(LicensingKinds.For(OrganizationKind.ElderlyCare), k => k.Code == "inner-medical-filing");
        var kind = LicensingKinds.Find("medical-practice")!;
        Assert.Equal(["premises", "staff", "rules"], LicensingKinds.Missing(kind, ["application"]).Select(d => d.Code));
        Assert.Empty(LicensingKinds.Missing(kind, kind.Documents.Select(d => d.Code)));
    }
}
