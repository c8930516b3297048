namespace Yiyang.Modules.Supervision;

/// <summary>The permissions of supervision (双随机、一公开) and of the working-day calendar.</summary>
public static class SupervisionPolicies
{
    /// <summary>Reads the working-day calendars and computes working-day deadlines (every signed-in role).</summary>
    public const string WorkingDays = "supervision.working-days";

    /// <summary>Enters and corrects the yearly holiday calendars (the platform admin: configuration, no personal data).</summary>
    public const string ManageCalendar = "supervision.calendar.manage";
}
