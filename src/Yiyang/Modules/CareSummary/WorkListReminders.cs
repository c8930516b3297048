using Microsoft.Extensions.Options;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;
using Yiyang.Modules.FamilyDoctor;
using Yiyang.Modules.HealthManagement;

namespace Yiyang.Modules.CareSummary;

/// <summary>One reminder of the team's work list: <paramref name="Kind"/> is overdue / due / never / triggered (assessments) or yearly-check.</summary>
public sealed record Reminder(long ElderId, string ElderName, string Kind, string KindName, DateOnly? DueOn, string Url);

/// <summary>
/// Reminders beside the home-care work list (docs/domain/health-management.md#work-list-reminders): reassessments due or overdue (the assessment due list,
/// <see cref="ListDueAssessments"/>) and 65+ elders without this year's 老年人健康管理 health check. Each list is
/// null when the user's role may not read it; at most <see cref="WorkListReminderService.MaxItems"/> items, with the total.
/// </summary>
public sealed record WorkListReminders(long? OrganizationId, int Year, IReadOnlyList<Reminder>? Reassessments, int ReassessmentTotal,
    IReadOnlyList<Reminder>? YearlyChecks, int YearlyCheckTotal);

public sealed class WorkListReminderService(
    YiyangDb db, CurrentUser user, ListDueAssessments assessments, IOptions<HealthManagementOptions> options, TimeProvider clock)
{
    public const int MaxItems = 200;

    /// <summary>The reminders for the elders of <paramref name="organizationId"/> (institution staff: always their own) in the user's scope.</summary>
    public async Task<WorkListReminders> ForAsync(long? organizationId, CancellationToken ct)
    {
        long? org = Roles.InstitutionStaff.Contains(user.Role) ? user.OrganizationId : organizationId;
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        if (org is { } o) elders = elders.Where(e => e.ResponsibleOrganizationId == o);
        var year = clock.ChinaToday().Year;

        List<Reminder>? due = null;
        var dueTotal = 0;
        if (user.Can(AssessmentPolicies.Score))
        {
            var list = await assessments.HandleAsync(null, null, ct);
            var ids = list.Items.Select(i => i.ElderId).ToList();
            var ours = (await elders.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
            var entries = list.Items.Where(i => ours.Contains(i.ElderId)).ToList();
            dueTotal = entries.Count;
            due = entries.Take(MaxItems)
                .Select(i => new Reminder(i.ElderId, i.ElderName, i.Kind, i.KindName, i.NextDue, $"/Assessments/Elder/{i.ElderId}")).ToList();
        }

        List<Reminder>? checks = null;
        var checkTotal = 0;
        if (user.Can(HealthManagementPolicies.Read))
        {
            var latestBirth = ContractRules.LatestBirthFor65Plus(year, options.Value.ManagementAge, options.Value.CountAgeReachedDuringYear);
            var missing = elders.Where(e => e.BirthDate <= latestBirth && !db.Set<HealthCheck>().Any(c => c.ElderId == e.Id && c.Year == year));
            checkTotal = await missing.CountAsync(ct);
            checks = (await missing.OrderBy(e => e.BirthDate).ThenBy(e => e.Id).Take(MaxItems).Select(e => new { e.Id, e.Name }).ToListAsync(ct))
                .Select(e => new Reminder(e.Id, e.Name, "yearly-check", $"{year} 年健康体检未做", null, $"/HealthManagement/Elder/{e.Id}")).ToList();
        }
        return new WorkListReminders(org, year, due, dueTotal, checks, checkTotal);
    }
}
