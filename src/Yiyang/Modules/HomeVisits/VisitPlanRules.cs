namespace Yiyang.Modules.HomeVisits;

/// <summary>Pure rules of the planner: spreading a package item's quantity over its periods.</summary>
public static class VisitPlanRules
{
    /// <summary>
    /// The dates of an item of <paramref name="quantity"/> per <paramref name="period"/> (year / quarter / month) over a
    /// contract [start, end]: periods are anchored at the contract start (a year from the start date, etc.), and the i-th
    /// of q services of a period of L days falls on period start + floor(i·L/q). Dates after the end are dropped.
    /// </summary>
    public static IEnumerable<DateOnly> Slots(DateOnly start, DateOnly end, string period, int quantity)
    {
        if (quantity <= 0 || end < start) yield break;
        var months = period switch { "month" => 1, "quarter" => 3, _ => 12 };
        for (var k = 0; ; k++)
        {
            var from = start.AddMonths(k * months);
            if (from > end) yield break;
            var length = from.AddMonths(months).DayNumber - from.DayNumber;
            for (var i = 0; i < quantity; i++)
            {
                var day = from.AddDays((int)((long)i * length / quantity));
                if (day <= end) yield return day;
            }
        }
    }
}
